using System.Buffers.Binary;
using NetHelpfulness.Data.Spss;
using NetHelpfulness.Randomness;
using NetHelpfulness.Tests.Data.Spss;

namespace NetHelpfulness.Tests.Fuzz;

/// <summary>
/// Mutated system files (byte flips, truncations, inserted and deleted bytes, length and count fields set to huge or
/// negative values) either read completely or fail with <see cref="SurveyDataException"/> naming the file and a byte
/// offset: never another exception, never a hang (each read runs under a time limit). Seeded, so a failure reproduces;
/// the fixture and case number are in the message.
/// </summary>
public class SpssReaderFuzzTests
{
    private const int CasesPerFixture = 600;
    private static readonly TimeSpan PerFileLimit = TimeSpan.FromSeconds(10);

    // Small fixtures of every kind: uncompressed, bytecode, ZLIB, big-endian, haven's, a legacy code page, 7/22, PSPP's.
    private static readonly string[] Fixtures =
    [
        "pspp-survey-uncompressed.sav", "pspp-survey-compressed.sav", "pspp-survey.zsav", "pspp-survey-compressed-be.sav",
        "pspp-survey-be.zsav", "haven-survey-byte.sav", "haven-survey.zsav", "pspp-windows-1251.sav", "pspp-long-string-missing.sav",
        "pspp-examples/hotel.sav",
    ];

    [Fact]
    public async Task Mutated_files_read_fully_or_fail_with_a_located_data_error()
    {
        var random = new Xoshiro256StarStar(20261201);
        var outcomes = new Dictionary<string, (int Read, int Refused)>(StringComparer.Ordinal);
        foreach (var fixture in Fixtures)
        {
            var valid = File.ReadAllBytes(SpssReferences.Path(fixture));
            var (read, refused) = (0, 0);
            for (var c = 0; c < CasesPerFixture; c++)
            {
                var bytes = Mutate(valid, random);
                var where = $"{fixture}, case {c}";
                Exception? result;
                try
                {
                    result = await Task.Run(() => ReadEverything(bytes)).WaitAsync(PerFileLimit);
                }
                catch (TimeoutException)
                {
                    Assert.Fail($"{where}: no answer after {PerFileLimit.TotalSeconds} s (a hang)");
                    throw;
                }

                switch (result)
                {
                    case null:
                        read++;
                        break;
                    case SurveyDataException e:
                        refused++;
                        Assert.All(e.Issues, i =>
                        {
                            Assert.Equal("fuzz.sav", i.File);
                            Assert.True(i.ByteOffset is >= 0, $"{where}: no byte offset: {i}");
                            Assert.Contains("fuzz.sav: byte ", i.ToString(), StringComparison.Ordinal);
                        });
                        break;
                    case var other:
                        Assert.Fail($"{where}: {other.GetType().Name}: {other.Message}\n{other.StackTrace}");
                        break;
                }
            }

            outcomes[fixture] = (read, refused);
        }

        // Both outcomes must occur for each kind of file, or the mutations test nothing (too weak or too strong).
        Assert.All(outcomes, o => Assert.True(o.Value.Read >= CasesPerFixture / 50 && o.Value.Refused >= CasesPerFixture / 10,
            $"{o.Key}: {o.Value.Read} read, {o.Value.Refused} refused"));
    }

    [Fact]
    public async Task Mutated_survey_files_score_or_fail_with_a_located_data_error()
    {
        // The survey loader on top of the reader: each mutated file is read as a survey (wide layout, q_ prefix) and
        // scored, or refused with a SurveyDataException whose every issue names the file and a byte offset.
        var random = new Xoshiro256StarStar(20261202);
        var folder = Directory.CreateTempSubdirectory("nethelp-spss-fuzz-").FullName;
        try
        {
            foreach (var fixture in new[] { "survey-pspp.sav", "survey-haven.zsav" })
            {
                var valid = File.ReadAllBytes(ReferenceFiles.Path("tests", "reference", "data", "own-files", fixture));
                var (read, refused) = (0, 0);
                for (var c = 0; c < 400; c++)
                {
                    var path = Path.Combine(folder, "fuzz" + Path.GetExtension(fixture));
                    File.WriteAllBytes(path, Mutate(valid, random));
                    var where = $"{fixture}, case {c}";
                    var result = await Task.Run(() => ScoreSurvey(path)).WaitAsync(PerFileLimit);
                    switch (result)
                    {
                        case null:
                            read++;
                            break;
                        case SurveyDataException e:
                            refused++;
                            Assert.All(e.Issues, i => Assert.True(i.File == path && i.ByteOffset is >= 0, $"{where}: {i}"));
                            break;
                        case var other:
                            Assert.Fail($"{where}: {other.GetType().Name}: {other.Message}\n{other.StackTrace}");
                            break;
                    }
                }

                Assert.True(read >= 8 && refused >= 40, $"{fixture}: {read} read, {refused} refused");
            }
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static Exception? ScoreSurvey(string path)
    {
        try
        {
            var survey = NetHelpfulness.Data.SurveyReader.ReadFile(path, new NetHelpfulness.Data.SurveyReadOptions { Layout = NetHelpfulness.Data.SurveyLayout.Wide, ScenarioPrefix = "q_" });
            NetHelpfulness.Estimation.NetScore.Estimates(survey, survey.Design(NetHelpfulness.Estimation.DesignSpec.Unweighted));
            return null;
        }
        catch (NetHelpfulness.InsufficientDataException)
        {
            return null;
        }
#pragma warning disable CA1031 // Every other exception is what the test looks for.
        catch (Exception e)
#pragma warning restore CA1031
        {
            return e;
        }
    }

    /// <summary>Opens, reads every value of every case (and the data frame), and returns the exception, or null when all went well.</summary>
    internal static Exception? ReadEverything(byte[] bytes)
    {
        try
        {
            using var file = SpssFile.Open(new MemoryStream(bytes, writable: false), "fuzz.sav");
            using (var cases = file.ReadCases())
            {
                while (cases.Read())
                {
                    for (var i = 0; i < file.Variables.Count; i++)
                    {
                        _ = cases.State(i);
                        _ = cases.Display(i);
                        if (file.Variables[i].Type is SpssVariableType.Date or SpssVariableType.DateTime)
                        {
                            _ = cases.Date(i);
                        }
                    }
                }
            }

            _ = SpssDataFrame.Read(file);
            return null;
        }
#pragma warning disable CA1031 // The test classifies every exception.
        catch (Exception e)
#pragma warning restore CA1031
        {
            return e;
        }
    }

    private static byte[] Mutate(byte[] valid, Xoshiro256StarStar random)
    {
        var bytes = new List<byte>(valid);
        var four = new byte[4];
        var mutations = 1 + (int)random.NextBounded(3);
        for (var m = 0; m < mutations && bytes.Count > 0; m++)
        {
            var at = (int)random.NextBounded((ulong)bytes.Count);
            switch (random.NextBounded(8))
            {
                case 0: bytes[at] = (byte)random.NextBounded(256); break;                             // random byte
                case 1: bytes[at] ^= (byte)(1 << (int)random.NextBounded(8)); break;                  // bit flip
                case 2: bytes.RemoveRange(at, bytes.Count - at); break;                               // truncation
                case 3: bytes.InsertRange(at, Enumerable.Range(0, 1 + (int)random.NextBounded(9)).Select(_ => (byte)random.NextBounded(256))); break;
                case 4: bytes.RemoveRange(at, Math.Min(bytes.Count - at, 1 + (int)random.NextBounded(9))); break;  // deletion
                default:
                    // A 4-byte field (most lengths and counts of the format are int32 on 4-byte boundaries) set to a huge,
                    // negative or off-by-one value, in the dictionary part of the file, where the lengths are.
                    var field = (int)random.NextBounded((ulong)Math.Min(bytes.Count / 4, 400)) * 4;
                    if (field + 4 > bytes.Count)
                    {
                        break;
                    }

                    var old = BinaryPrimitives.ReadInt32LittleEndian([bytes[field], bytes[field + 1], bytes[field + 2], bytes[field + 3]]);
                    var value = random.NextBounded(5) switch
                    {
                        0 => int.MaxValue,
                        1 => int.MinValue,
                        2 => -1,
                        3 => old + 1,
                        _ => 0x40000000,
                    };
                    BinaryPrimitives.WriteInt32LittleEndian(four, value);
                    for (var i = 0; i < 4; i++)
                    {
                        bytes[field + i] = four[i];
                    }

                    break;
            }
        }

        return [.. bytes];
    }
}
