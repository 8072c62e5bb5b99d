from tryggapp.main import entry

raise SystemExit(entry())
