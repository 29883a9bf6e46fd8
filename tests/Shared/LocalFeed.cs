using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Xml.Linq;

namespace NetHelpfulness.TestSupport;

/// <summary>
/// The repository's packages as a user gets them: packed into the local feed <c>artifacts/packages/</c> exactly as the
/// README says (<c>dotnet pack -c Release -o artifacts/packages</c>), once per change of what goes into them, for every test
/// that installs the tool, runs a file-based app or a notebook against the packages. Shared by the test projects (linked
/// source), which <c>dotnet test</c> runs in parallel processes: a lock file makes one of them pack while the others wait.
/// </summary>
/// <remarks>
/// Every process that restores the packages gets <see cref="PackagesCache"/> as <c>NUGET_PACKAGES</c>: NuGet never fetches
/// a version again once it is in the global packages folder, so a repacked 0.1.0 would not be seen, and on a machine
/// shared by several clones another clone's 0.1.0 would be. The folder belongs to this clone; packing removes the packed
/// versions from it (Directory.Build.targets, <c>ForgetPackedVersionInNuGetCache</c>). See notebooks/README.md.
/// </remarks>
internal static class LocalFeed
{
    /// <summary>The four packages <c>dotnet pack</c> makes at the repository root.</summary>
    public static readonly IReadOnlyList<string> PackageIds = ["NetHelpfulness", "NetHelpfulness.Figures", "NetHelpfulness.Notebooks", "nethelp"];

    private static readonly TimeSpan PackTimeout = TimeSpan.FromMinutes(15);
    private static readonly Lazy<string> Packed = new(PackOnce, LazyThreadSafetyMode.ExecutionAndPublication);

    public static string Root { get; } = FindRoot();

    /// <summary>The local feed, <c>artifacts/packages/</c>.</summary>
    public static string Folder => Path.Combine(Root, "artifacts", "packages");

    /// <summary>This clone's NuGet global packages folder for everything that restores the repository's packages.</summary>
    public static string PackagesCache => Path.Combine(Root, "artifacts", "nuget-packages");

    /// <summary>The packages' version, from Directory.Build.props (the one place it is set).</summary>
    public static string Version { get; } =
        XDocument.Load(Path.Combine(Root, "Directory.Build.props")).Descendants("Version").Single().Value.Trim();

    /// <summary>Packs the packages into <see cref="Folder"/> unless it already holds a pack of the current sources; returns the folder.</summary>
    public static string EnsurePacked() => Packed.Value;

    /// <summary>A <c>dotnet</c> command whose restores use <see cref="PackagesCache"/>, with its output captured.</summary>
    public static ProcessStartInfo Dotnet(string workingDirectory, params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = workingDirectory };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        return WithPackagesCache(start);
    }

    /// <summary>Sets <c>NUGET_PACKAGES</c> (and quiet first-run settings) on a process that restores the packages.</summary>
    public static ProcessStartInfo WithPackagesCache(ProcessStartInfo start)
    {
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        start.Environment["NUGET_PACKAGES"] = PackagesCache;
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        start.Environment["DOTNET_SKIP_FIRST_TIME_EXPERIENCE"] = "1";
        return start;
    }

    /// <summary>Runs a process to its end; returns its exit code, stdout and stderr, or fails after <paramref name="timeout"/>.</summary>
    public static (int Code, string Stdout, string Stderr, TimeSpan Elapsed) Run(ProcessStartInfo start, TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        using var process = Process.Start(start) ?? throw new InvalidOperationException("could not start " + start.FileName);
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(timeout))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{start.FileName} {string.Join(' ', start.ArgumentList)} did not finish within {timeout.TotalMinutes:F0} min");
        }

        process.WaitForExit();
        return (process.ExitCode, stdout.Result, stderr.Result, clock.Elapsed);
    }

    private static string PackOnce()
    {
        Directory.CreateDirectory(Folder);
        using var gate = AcquireLock(Path.Combine(Root, "artifacts", "packages.lock"));
        var fingerprint = Fingerprint();
        var stamp = Path.Combine(Folder, "packed-from.sha256");
        if (File.Exists(stamp) && File.ReadAllText(stamp).Trim() == fingerprint && PackageIds.All(id => File.Exists(PackagePath(id))))
        {
            return Folder;
        }

        File.Delete(stamp);
        foreach (var old in Directory.EnumerateFiles(Folder, "*.*nupkg"))
        {
            File.Delete(old);
        }

        // The README's command, at the repository root, in the environment of the tests (packing needs no NUGET_PACKAGES:
        // the build restores the third-party packages from wherever they are; the target that forgets the packed versions
        // cleans both that folder and PackagesCache).
        var pack = new ProcessStartInfo("dotnet") { WorkingDirectory = Root, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[] { "pack", "-c", "Release", "-o", Folder, "-nologo", "--disable-build-servers" })
        {
            pack.ArgumentList.Add(argument);
        }

        var (code, stdout, stderr, _) = Run(pack, PackTimeout);
        if (code != 0)
        {
            throw new InvalidOperationException($"dotnet pack -c Release -o artifacts/packages failed ({code}):\n{stdout}\n{stderr}");
        }

        var missing = PackageIds.Where(id => !File.Exists(PackagePath(id))).ToList();
        if (missing.Count > 0)
        {
            throw new InvalidOperationException($"dotnet pack made no {string.Join(", ", missing)} {Version} in {Folder}:\n{stdout}");
        }

        File.WriteAllText(stamp, fingerprint + "\n");
        return Folder;
    }

    public static string PackagePath(string id) => Path.Combine(Folder, $"{id}.{Version}.nupkg");

    /// <summary>SHA-256 over the paths and contents of everything that goes into the packages (and the native build).</summary>
    internal static string Fingerprint()
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var file in BuildInputs())
        {
            hash.AppendData(Encoding.UTF8.GetBytes(Path.GetRelativePath(Root, file) + "\n"));
            hash.AppendData(File.ReadAllBytes(file));
        }

        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    /// <summary>Everything a build of the packages reads: the root's build files and lib/ without bin/ and obj/, in order.</summary>
    internal static IEnumerable<string> BuildInputs() =>
        new[] { "Directory.Build.props", "Directory.Build.targets", "Directory.Packages.props", "global.json", "NetHelpfulness.slnx" }
            .Select(file => Path.Combine(Root, file))
            .Where(File.Exists)
            .Concat(Directory.EnumerateFiles(Path.Combine(Root, "lib"), "*", SearchOption.AllDirectories)
                .Where(file => Path.GetRelativePath(Path.Combine(Root, "lib"), file).Split(Path.DirectorySeparatorChar) is var parts
                    && parts.Length > 1 && parts[1] is not ("bin" or "obj")))
            .Order(StringComparer.Ordinal);

    internal static FileStream AcquireLock(string path)
    {
        var waited = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException) when (waited.Elapsed < PackTimeout)
            {
                Thread.Sleep(500);
            }
        }
    }

    private static string FindRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "NetHelpfulness.slnx")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("cannot find the repository root (NetHelpfulness.slnx) above " + AppContext.BaseDirectory);
    }

    /// <summary>Invariant formatting for messages.</summary>
    public static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
