using System.Globalization;
using System.Text;
using BenchmarkDotNet.Attributes;
using NetHelpfulness.Data;
using NetHelpfulness.Data.Spss;

namespace NetHelpfulness.Benchmarks;

/// <summary>
/// Reading 1,000,000 respondents (id, country, weight, 10 ratings 1–5 with "don't know" = 9 and skipped answers) from
/// a .sav (uncompressed, bytecode-compressed, ZLIB) against the same data as wide CSV: through the survey loader, and
/// through the bare CSV tokenizer doing the same work as the .sav cursor (every value parsed into arrays).
/// </summary>
[MemoryDiagnoser]
[SimpleJob(launchCount: 1, warmupCount: 1, iterationCount: 5)]
public class SpssBenchmarks
{
    private const int Cases = 1_000_000;
    private const int Ratings = 10;
    private readonly string[] _ids = new string[Cases];
    private readonly double[] _weights = new double[Cases];
    private readonly sbyte[] _ratings = new sbyte[Cases * Ratings];
    private BenchmarkData.SpssFiles _files = null!;

    [GlobalSetup]
    public void Setup() => _files = BenchmarkData.SpssSurvey(Cases, Ratings);

    [Benchmark(Baseline = true)]
    public int CsvThroughSurveyReader() =>
        SurveyReader.ReadFile(_files.Csv, new SurveyReadOptions { Layout = SurveyLayout.Wide, ScenarioPrefix = "q_", WeightColumn = "weight" }).RespondentCount;

    [Benchmark]
    public long CsvTokenizedAndParsed()
    {
        using var reader = new StreamReader(_files.Csv, Encoding.UTF8, false, 1 << 16);
        var csv = new CsvRecordReader(reader);
        csv.TryRead(out _, out _); // header
        long n = 0;
        while (csv.TryRead(out _, out _))
        {
            _ids[n] = csv.Field(0).ToString();
            _weights[n] = double.Parse(csv.Field(2), NumberStyles.Float, CultureInfo.InvariantCulture);
            for (var j = 0; j < Ratings; j++)
            {
                var field = csv.Field(3 + j);
                _ratings[(n * Ratings) + j] = field.IsEmpty ? (sbyte)-1 : (sbyte)(field[0] - '0');
            }

            n++;
        }

        return n;
    }

    [Benchmark]
    public long SavUncompressed() => ReadSav(_files.Uncompressed);

    [Benchmark]
    public long SavBytecode() => ReadSav(_files.Bytecode);

    [Benchmark]
    public long SavZlib() => ReadSav(_files.Zlib);

    private long ReadSav(string path)
    {
        using var file = SpssFile.Open(path);
        using var cases = file.ReadCases();
        long n = 0;
        while (cases.Read())
        {
            _ids[n] = cases.Text(0);
            _weights[n] = cases.Number(2);
            for (var j = 0; j < Ratings; j++)
            {
                _ratings[(n * Ratings) + j] = cases.TryGetNumber(3 + j, out var r) ? (sbyte)r : (sbyte)-1;
            }

            n++;
        }

        return n;
    }
}
