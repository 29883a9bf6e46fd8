using System.Text;
using NetHelpfulness.Data;

namespace NetHelpfulness.Tests.Fuzz;

/// <summary>
/// Mutated valid files either load or fail with the loader's own error naming a line: never another exception, never a hang.
/// Seeded, so a failure reproduces; the case number is in the message.
/// </summary>
public class SurveyReaderFuzzTests
{
    private const int Cases = 3000;

    private static readonly byte[] Valid = Encoding.UTF8.GetBytes(
        "respondent_id,country,weight,stratum,scenario,rating\n"
        + string.Concat(Enumerable.Range(0, 40).SelectMany(i => new[] { "a", "b", "c" }.Select(s =>
            $"r{i},\"C, {i % 3}\",{1 + (i % 5) * 0.25},S{i % 2},{s},{(i * 7 % 6 == 0 ? "" : ((i + s[0]) % 5 + 1).ToString(System.Globalization.CultureInfo.InvariantCulture))}\n"))));

    [Fact]
    public void Mutated_files_load_or_fail_with_a_located_data_error()
    {
        var random = new Random(20261129);
        var loaded = 0;
        for (var c = 0; c < Cases; c++)
        {
            var bytes = Mutate(Valid, random);
            try
            {
                SurveyReader.Read(new MemoryStream(bytes), "fuzz.csv", new SurveyReadOptions { WeightColumn = "weight", StrataColumn = "stratum" });
                loaded++;
            }
            catch (SurveyDataException e)
            {
                Assert.True(e.Issues.Count > 0, $"case {c}: no issues");
                Assert.All(e.Issues, i => Assert.True(i.Line >= 1, $"case {c}: issue without a line: {i}"));
                Assert.All(e.Issues, i => Assert.Equal("fuzz.csv", i.File));
            }
            catch (SurveyDesignException)
            {
                // A mutation may leave a stratum with one PSU: that is the design's own error, also a clean failure.
            }
            catch (Exception e)
            {
                Assert.Fail($"case {c}: {e.GetType().Name}: {e.Message}\n{Encoding.UTF8.GetString(bytes)}");
            }
        }

        // Both outcomes must occur, or the mutations are too weak (or too strong) to test anything.
        Assert.InRange(loaded, Cases / 100, Cases - (Cases / 100));
    }

    [Fact]
    public void A_huge_field_is_refused_not_buffered_without_bound()
    {
        var huge = "respondent_id,country,scenario,rating\nr1,\"" + new string('x', (1 << 20) + 10) + "\",a,4\nr2,DE,a,5\n";
        var e = Assert.Throws<SurveyDataException>(() => SurveyReader.Read(new StringReader(huge), "huge.csv"));
        Assert.Equal(2, e.Issues[0].Line);
        Assert.Contains("shorter than", e.Issues[0].Expected, StringComparison.Ordinal);
    }

    private static byte[] Mutate(byte[] valid, Random random)
    {
        var bytes = new List<byte>(valid);
        var mutations = random.Next(1, 4);
        for (var m = 0; m < mutations; m++)
        {
            var at = random.Next(bytes.Count);
            switch (random.Next(8))
            {
                case 0: bytes[at] = (byte)random.Next(256); break;                      // random byte
                case 1: bytes.RemoveRange(at, bytes.Count - at); break;                  // truncation
                case 2: bytes.Insert(at, (byte)'"'); break;                              // stray quote
                case 3: bytes.Insert(at, (byte)','); break;                              // extra field
                case 4: bytes.InsertRange(at, [0xC3, 0x28]); break;                      // invalid UTF-8
                case 5: bytes.InsertRange(at, Encoding.UTF8.GetBytes(new string('9', random.Next(1, 5000)))); break; // long field
                case 6: bytes.Insert(at, (byte)'\n'); break;                             // broken line
                default: bytes.RemoveAt(at); break;                                      // deletion
            }

            if (bytes.Count == 0)
            {
                break;
            }
        }

        return [.. bytes];
    }
}
