"""Start-up must not pay for reportlab and matplotlib (~0.6 s): importing the report
package, its data layer and its command only names them."""

from __future__ import annotations

import subprocess
import sys


def test_importing_the_report_code_does_not_import_reportlab_or_matplotlib():
    code = ("import sys, tryggapp.reports, tryggapp.services.followup, tryggapp.cli.report;"
            "print(','.join(m for m in ('reportlab', 'matplotlib') if m in sys.modules) or '-')")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "-"
