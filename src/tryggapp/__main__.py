from tryggapp.main import main

raise SystemExit(main())
