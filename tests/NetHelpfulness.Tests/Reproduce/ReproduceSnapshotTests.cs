using System.Globalization;
using NetHelpfulness.Cli;

namespace NetHelpfulness.Tests.Reproduce;

/// <summary>
/// Every number of every table <c>nethelp reproduce</c> writes from the shipped data equals the committed snapshot
/// (tests/reference/expected/reproduce-snapshot, written by the program before the core was reshaped around design
/// estimates), to 1e-12; text cells are equal to the letter. A new table may be added to the snapshot; none may go.
/// </summary>
public class ReproduceSnapshotTests
{
    private const double Tolerance = 1e-12;

    [Fact]
    public void Every_number_of_the_reproduce_tables_equals_the_committed_snapshot()
    {
        var output = Directory.CreateTempSubdirectory("nethelp-snapshot-").FullName;
        try
        {
            using var stdout = new StringWriter();
            using var stderr = new StringWriter();
            var code = CommandLineApp.Run(["reproduce", "--data", ReferenceFiles.Path("data"), "--out", Path.Combine(output, "out"), "--no-images"], stdout, stderr);
            Assert.True(code == 0, stderr.ToString());
            var snapshot = ReferenceFiles.Path("tests", "reference", "expected", "reproduce-snapshot");
            var files = Directory.GetFiles(snapshot, "*.csv");
            Assert.NotEmpty(files);
            foreach (var expectedFile in files)
            {
                var actualFile = Path.Combine(output, "out", "tables", Path.GetFileName(expectedFile));
                Assert.True(File.Exists(actualFile), $"reproduce no longer writes {Path.GetFileName(expectedFile)}");
                CompareTables(expectedFile, actualFile);
            }
        }
        finally
        {
            Directory.Delete(output, recursive: true);
        }
    }

    private static void CompareTables(string expectedFile, string actualFile)
    {
        var expected = File.ReadAllLines(expectedFile);
        var actual = File.ReadAllLines(actualFile);
        var name = Path.GetFileName(expectedFile);
        Assert.True(expected.Length == actual.Length, $"{name}: {actual.Length} lines, snapshot has {expected.Length}");
        for (var line = 0; line < expected.Length; line++)
        {
            var e = SplitCsv(expected[line]);
            var a = SplitCsv(actual[line]);
            Assert.True(e.Count == a.Count, $"{name} line {line + 1}: {a.Count} fields, snapshot has {e.Count}");
            for (var k = 0; k < e.Count; k++)
            {
                var where = $"{name} line {line + 1} field {k + 1}";
                if (double.TryParse(e[k], NumberStyles.Float, CultureInfo.InvariantCulture, out var x)
                    && double.TryParse(a[k], NumberStyles.Float, CultureInfo.InvariantCulture, out var y))
                {
                    Assert.True(Math.Abs(x - y) <= Tolerance * Math.Max(1, Math.Abs(x)), $"{where}: {a[k]}, snapshot {e[k]}");
                }
                else
                {
                    Assert.True(e[k] == a[k], $"{where}: '{a[k]}', snapshot '{e[k]}'");
                }
            }
        }
    }

    private static List<string> SplitCsv(string line)
    {
        var fields = new List<string>();
        var field = new System.Text.StringBuilder();
        var quoted = false;
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < line.Length && line[i + 1] == '"')
                {
                    field.Append('"');
                    i++;
                }
                else if (c == '"')
                {
                    quoted = false;
                }
                else
                {
                    field.Append(c);
                }
            }
            else if (c == '"')
            {
                quoted = true;
            }
            else if (c == ',')
            {
                fields.Add(field.ToString());
                field.Clear();
            }
            else
            {
                field.Append(c);
            }
        }

        fields.Add(field.ToString());
        return fields;
    }
}
