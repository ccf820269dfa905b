from reformkit.cli import main

main()
