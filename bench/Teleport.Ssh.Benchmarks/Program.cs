using BenchmarkDotNet.Running;

// dotnet run -c Release --project bench/Teleport.Ssh.Benchmarks -- --filter '*'
BenchmarkSwitcher.FromAssembly(typeof(Teleport.Ssh.Benchmarks.PacketCodecBenchmarks).Assembly).Run(args);
