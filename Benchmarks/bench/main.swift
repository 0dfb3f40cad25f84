import BenchCore

BenchCommand.main()
