// The teleport executable: argument parsing and wiring only (see docs/architecture.md).
if (args is ["version"] or ["--version"])
{
    Console.WriteLine("teleport v0.1.0-dev");
    return 0;
}

Console.Error.WriteLine("teleport: not implemented yet; this build provides the SSH library only (see README.md)");
return 2;
