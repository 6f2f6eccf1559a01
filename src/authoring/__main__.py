from authoring.cli import main

raise SystemExit(main())
