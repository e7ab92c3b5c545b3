from derivlint.cli import main

raise SystemExit(main())
