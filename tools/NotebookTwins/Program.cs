using System.Text;
using NetHelpfulness.NotebookTwins;

// dotnet run --project tools/NotebookTwins [-- --check]
// Writes notebooks/NN-topic.cs for every notebooks/NN-topic.ipynb (and removes twins whose notebook is gone); with
// --check, writes nothing and exits 1 if any twin is missing, stale or orphaned.
var check = args.Contains("--check");
var root = Repository.FindRoot(Environment.CurrentDirectory) ?? Repository.FindRoot(AppContext.BaseDirectory)
    ?? throw new InvalidOperationException("run this from inside the repository (no NetHelpfulness.slnx above the current folder)");
var stale = 0;
foreach (var (twinPath, expected) in Repository.Twins(root))
{
    var current = File.Exists(twinPath) ? File.ReadAllText(twinPath) : null;
    var relative = Path.GetRelativePath(root, twinPath);
    if (current == expected)
    {
        Console.WriteLine($"{relative}: up to date");
        continue;
    }

    stale++;
    if (check)
    {
        Console.WriteLine($"{relative}: {(current is null ? "missing" : "out of date")}");
    }
    else
    {
        File.WriteAllText(twinPath, expected, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
        Console.WriteLine($"{relative}: written");
    }
}

foreach (var orphan in Repository.OrphanedTwins(root))
{
    stale++;
    Console.WriteLine($"{Path.GetRelativePath(root, orphan)}: no notebook of that name{(check ? "" : "; removed")}");
    if (!check)
    {
        File.Delete(orphan);
    }
}

if (check && stale > 0)
{
    Console.WriteLine($"{stale} twin(s) to regenerate: {TwinGenerator.Command}");
    return 1;
}

return 0;
