import ConvCommand

Conv.main()
