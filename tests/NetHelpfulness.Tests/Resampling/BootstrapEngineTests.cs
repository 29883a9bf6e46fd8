using NetHelpfulness.Data;
using NetHelpfulness.Estimation;
using NetHelpfulness.Randomness;

namespace NetHelpfulness.Tests.Resampling;

/// <summary>The vectorised, batched engine against a plain loop with the same draws, R's jackknife, and its guards.</summary>
public class BootstrapEngineTests
{
    [Theory]
    [InlineData("strata-clusters", false)]
    [InlineData("strata-clusters", true)]
    [InlineData("strata", true)]
    [InlineData("none", false)]
    public void Replicates_equal_a_plain_loop_over_the_same_draws(string designName, bool byCountry)
    {
        var survey = ResamplingData.Load(designName, "country");
        var design = survey.Design();
        var scores = NetScore.ScoreMatrix(survey);
        var country = survey.Groups[0];
        var groupCount = byCountry ? country.Levels.Count : 1;
        var groupOf = byCountry ? country.Codes.ToArray() : new int[survey.RespondentCount];
        var options = new BootstrapOptions { Replicates = 37, Seed = 99 };  // 37: the last batch is partial
        var engine = byCountry
            ? Bootstrap.ReplicateByGroup(scores, survey.ScenarioCount, groupOf, groupCount, design, options)
            : Bootstrap.Replicate(scores, survey.ScenarioCount, design, options);
        var plain = PlainReplicates(scores, survey.ScenarioCount, groupOf, groupCount, design, options);
        for (var c = 0; c < plain.Length; c++)
        {
            var replicates = engine.Replicates(c);
            for (var r = 0; r < options.Replicates; r++)
            {
                Assert.Equal(plain[c][r], replicates[r], 1e-12);
            }
        }
    }

    [Theory]
    [InlineData("strata-clusters", false)]
    [InlineData("strata-clusters", true)]
    [InlineData("none", true)]
    public void Estimates_and_jackknife_values_equal_their_definitions(string designName, bool byCountry)
    {
        var survey = ResamplingData.Load(designName, "country");
        var design = survey.Design();
        var scores = NetScore.ScoreMatrix(survey);
        var width = survey.ScenarioCount;
        var groupCount = byCountry ? survey.Groups[0].Levels.Count : 1;
        var groupOf = byCountry ? survey.Groups[0].Codes.ToArray() : new int[survey.RespondentCount];
        var result = byCountry
            ? Bootstrap.ReplicateByGroup(scores, width, groupOf, groupCount, design, new BootstrapOptions { Replicates = 2 })
            : Bootstrap.Replicate(scores, width, design, new BootstrapOptions { Replicates = 2 });
        var weights = design.Weights.ToArray();
        var psuOf = design.PsuOf.ToArray();
        var stratumOf = design.StratumOf.ToArray();
        var psuCountOfStratum = new int[design.StratumCount];
        foreach (var h in Enumerable.Range(0, design.PsuCount).Select(p => stratumOf[Array.IndexOf(psuOf, p)]))
        {
            psuCountOfStratum[h]++;
        }

        for (var g = 0; g < groupCount; g++)
        {
            for (var j = 0; j < width; j++)
            {
                var c = (g * width) + j;
                var full = Ratio(_ => 1.0);
                Assert.Equal(full, result.Estimates[c], 1e-12);
                var influence = result.JackknifeInfluence(c);
                for (var p = 0; p < design.PsuCount; p++)
                {
                    var h = stratumOf[Array.IndexOf(psuOf, p)];
                    var nh = psuCountOfStratum[h];
                    var deleted = Ratio(i => psuOf[i] == p ? 0 : stratumOf[i] == h ? nh / (nh - 1.0) : 1.0);
                    Assert.Equal((nh - 1) * (full - deleted), influence[p], 1e-10);
                }

                double Ratio(Func<int, double> factor)
                {
                    double numerator = 0, denominator = 0;
                    for (var i = 0; i < survey.RespondentCount; i++)
                    {
                        var v = scores[(i * width) + j];
                        if (groupOf[i] == g && v != SurveyResponses.Missing)
                        {
                            numerator += factor(i) * weights[i] * v;
                            denominator += factor(i) * weights[i];
                        }
                    }

                    return numerator / denominator;
                }
            }
        }
    }

    [Theory]
    [InlineData("jackknife-respondents", "strata")]
    [InlineData("jackknife-clusters", "strata-clusters")]
    public void Jackknife_influence_values_equal_R_empinf(string expectedFile, string designName)
    {
        var survey = ResamplingData.Load(designName);
        var design = survey.Design();
        var result = Bootstrap.Replicate(NetScore.ScoreMatrix(survey), survey.ScenarioCount, design, new BootstrapOptions { Replicates = 2 });
        var unitOfPsu = new string[design.PsuCount];
        for (var i = 0; i < survey.RespondentCount; i++)
        {
            unitOfPsu[design.PsuOf[i]] = survey.Clusters is { } clusters ? clusters[i] : survey.RespondentIds[i];
        }

        var expected = ResamplingData.Expected(expectedFile);
        Assert.Equal(design.PsuCount, expected.Count);
        for (var j = 0; j < survey.ScenarioCount; j++)
        {
            var influence = result.JackknifeInfluence(j);
            foreach (var row in expected)
            {
                Assert.Equal(row.Number(survey.Scenarios[j]), influence[Array.IndexOf(unitOfPsu, row["unit"])], ResamplingData.Tolerance);
            }
        }
    }

    [VectorLanesTheory]
    [InlineData("strata-clusters", false)]
    [InlineData("strata-clusters", true)]
    [InlineData("strata", false)]
    [InlineData("none", true)]
    public void Vector_lanes_give_the_portable_engines_replicates_to_the_last_bit(string designName, bool byCountry)
    {
        var survey = ResamplingData.Load(designName, "country");
        var groupOf = byCountry ? survey.Groups[0].Codes.ToArray() : [];
        AssertLanesEqualPortable(NetScore.ScoreMatrix(survey), survey.ScenarioCount, groupOf, byCountry ? survey.Groups[0].Levels.Count : 1, survey.Design());
    }

    [VectorLanesTheory]
    [InlineData(1, 1)]      // one vector of the row per replicate
    [InlineData(7, 1)]      // two
    [InlineData(12, 1)]     // three
    [InlineData(13, 2)]     // four: three held, then one
    public void Vector_lanes_give_the_portable_engines_replicates_to_the_last_bit_for_every_row_width(int columns, int groups)
    {
        // Synthetic: 700 respondents in strata of 1, 2, 3, 300 (counts wider than a byte) and 394 PSUs, weights 0.5 to 2.5, 10% not answered.
        const int N = 700;
        var random = new Xoshiro256StarStar(31);
        var sizes = new[] { 1, 2, 3, 300, 394 };
        var strata = sizes.SelectMany((size, h) => Enumerable.Repeat(h, size)).ToArray();
        var weights = Enumerable.Range(0, N).Select(_ => 0.5 + (2 * random.NextDouble())).ToArray();
        var values = Enumerable.Range(0, N * columns).Select(_ => random.NextBounded(10) == 0 ? SurveyResponses.Missing : (sbyte)((int)random.NextBounded(3) - 1)).ToArray();
        var groupOf = Enumerable.Range(0, N).Select(_ => (int)random.NextBounded((ulong)groups)).ToArray();
        AssertLanesEqualPortable(values, columns, groupOf, groups, SurveyDesign.Create(N, weights, strata, lonelyPsu: LonelyPsu.Certainty));
    }

    [VectorLanesFact]
    public void Vector_lanes_give_the_portable_engines_replicates_to_the_last_bit_when_every_replicate_is_raked_again()
    {
        var survey = NetHelpfulness.Tests.Calibration.CalibrationFixture.Survey;
        AssertLanesEqualPortable(NetScore.ScoreMatrix(survey), survey.ScenarioCount, [], 1, NetHelpfulness.Tests.Calibration.CalibrationFixture.Design("rake"));
    }

    [Fact]
    public void The_same_seed_gives_the_same_replicates_whatever_the_number_of_threads()
    {
        var survey = ResamplingData.Load("strata-clusters");
        var scores = NetScore.ScoreMatrix(survey);
        var design = survey.Design();
        double[] Run(ulong seed, int threads)
        {
            var r = Bootstrap.Replicate(scores, survey.ScenarioCount, design, new BootstrapOptions { Replicates = 501, Seed = seed, MaxDegreeOfParallelism = threads });
            return [.. Enumerable.Range(0, survey.ScenarioCount).SelectMany(j => r.Replicates(j).ToArray())];
        }

        var one = Run(5, 1);
        Assert.Equal(one, Run(5, 2));
        Assert.Equal(one, Run(5, -1));
        Assert.NotEqual(one, Run(6, 2));
    }

    [Fact]
    public void One_scenario_alone_gets_the_same_replicates_as_within_all_scenarios()
    {
        var survey = ResamplingData.Load("strata-clusters");
        var design = survey.Design();
        var options = new BootstrapOptions { Replicates = 64, Seed = 3 };
        var all = Bootstrap.Replicate(NetScore.ScoreMatrix(survey), survey.ScenarioCount, design, options);
        var alone = Bootstrap.Replicate(survey.Scores(4), 1, design, options);
        Assert.Equal(all.Replicates(4).ToArray(), alone.Replicates(0).ToArray());
    }

    [Theory]
    [InlineData(1)]
    [InlineData(0)]
    [InlineData(-3)]
    public void Fewer_than_two_replicates_are_refused(int replicates) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new BootstrapOptions { Replicates = replicates });

    [Theory]
    [InlineData(0)]
    [InlineData(-2)]
    public void A_thread_count_of_zero_or_below_minus_one_is_refused(int threads) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new BootstrapOptions { MaxDegreeOfParallelism = threads });

    [Fact]
    public void Values_of_the_wrong_length_are_refused() =>
        Assert.Throws<ArgumentException>(() => Bootstrap.Replicate(new sbyte[5], 2, SurveyDesign.SimpleRandomSample(3), new BootstrapOptions()));

    [Fact]
    public void A_group_outside_the_group_count_is_refused() =>
        Assert.Throws<ArgumentException>(() => Bootstrap.ReplicateByGroup(new sbyte[3], 1, [0, 1, 2], 2, SurveyDesign.SimpleRandomSample(3), new BootstrapOptions()));

    [Fact]
    public void A_column_nobody_answered_is_refused_by_name()
    {
        var m = SurveyResponses.Missing;
        var e = Assert.Throws<InsufficientDataException>(() =>
            Bootstrap.Replicate([1, m, 0, m, -1, m], 2, SurveyDesign.SimpleRandomSample(3), new BootstrapOptions(), ["first", "second"]));
        Assert.StartsWith("second:", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_domain_that_some_replicates_miss_is_refused()
    {
        // One respondent of 200 answered: about 37% of replicates draw nobody who did.
        var scores = new sbyte[200];
        Array.Fill(scores, SurveyResponses.Missing);
        scores[17] = 1;
        var e = Assert.Throws<InsufficientDataException>(() => Bootstrap.Replicate(scores, 1, SurveyDesign.SimpleRandomSample(200), new BootstrapOptions { Replicates = 100 }));
        Assert.Contains("bootstrap replicates nobody", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Summarize_refuses_a_method_that_is_not_a_bootstrap()
    {
        var result = Bootstrap.Replicate([1, 0, -1, 1], 1, SurveyDesign.SimpleRandomSample(4), new BootstrapOptions { Replicates = 20 });
        Assert.Throws<ArgumentOutOfRangeException>(() => result.Summarize(0, IntervalMethod.Linearized));
    }

    [Fact]
    public void Summarize_refuses_an_unknown_column()
    {
        var result = Bootstrap.Replicate([1, 0, -1, 1], 1, SurveyDesign.SimpleRandomSample(4), new BootstrapOptions { Replicates = 20 });
        Assert.Throws<ArgumentOutOfRangeException>(() => result.Summarize(1, IntervalMethod.BootstrapPercentile));
    }

    /// <summary>37 replicates (the last batch partial) through the engine with and without vector lanes: equal bit for bit.</summary>
    private static void AssertLanesEqualPortable(sbyte[] values, int width, int[] groupOf, int groupCount, SurveyDesign design)
    {
        const int Replicates = 37;
        double[] Run(bool vectorLanes)
        {
            var rows = BootstrapRows.Build(values, width, groupOf, groupCount, design, vectorLanes);
            var replicates = new double[rows.Columns * Replicates];
            var uncalibrated = new bool[Replicates];
            var buffers = rows.CreateBuffers();
            for (var first = 0; first < Replicates; first += BootstrapRows.Batch)
            {
                rows.RunBatch(5, first, Math.Min(Replicates, first + BootstrapRows.Batch), buffers, replicates, Replicates, uncalibrated);
            }

            Assert.DoesNotContain(true, uncalibrated);
            return replicates;
        }

        var portable = Run(vectorLanes: false);
        Assert.DoesNotContain(portable, double.IsNaN);
        Assert.Equal(portable.Select(BitConverter.DoubleToInt64Bits), Run(vectorLanes: true).Select(BitConverter.DoubleToInt64Bits));
    }

    /// <summary>The bootstrap written as plainly as possible, with the engine's documented draws.</summary>
    private static double[][] PlainReplicates(sbyte[] scores, int width, int[] groupOf, int groupCount, SurveyDesign design, BootstrapOptions options)
    {
        var psuOf = design.PsuOf.ToArray();
        var stratumOf = design.StratumOf.ToArray();
        var weights = design.Weights.ToArray();
        var psuStratum = new int[design.PsuCount];
        for (var i = 0; i < psuOf.Length; i++)
        {
            psuStratum[psuOf[i]] = stratumOf[i];
        }

        // Within a stratum, PSUs in the order of their index; strata in the order of theirs.
        var strata = Enumerable.Range(0, design.StratumCount)
            .Select(h => Enumerable.Range(0, design.PsuCount).Where(p => psuStratum[p] == h).ToArray()).ToArray();
        var result = Enumerable.Range(0, groupCount * width).Select(_ => new double[options.Replicates]).ToArray();
        for (var r = 0; r < options.Replicates; r++)
        {
            var random = Xoshiro256StarStar.ForReplicate(options.Seed, r);
            var multiplicity = new int[design.PsuCount];
            foreach (var psus in strata)
            {
                var size = (uint)psus.Length;
                for (var k = 0u; k < size; k += 2)
                {
                    var bits = random.NextUInt64();
                    multiplicity[psus[random.Bounded32((bits & uint.MaxValue) * size, size)]]++;
                    if (k + 1 < size)
                    {
                        multiplicity[psus[random.Bounded32((bits >> 32) * size, size)]]++;
                    }
                }
            }

            var numerator = new double[groupCount * width];
            var denominator = new double[groupCount * width];
            for (var i = 0; i < psuOf.Length; i++)
            {
                for (var j = 0; j < width; j++)
                {
                    var v = scores[(i * width) + j];
                    if (v != SurveyResponses.Missing)
                    {
                        numerator[(groupOf[i] * width) + j] += multiplicity[psuOf[i]] * weights[i] * v;
                        denominator[(groupOf[i] * width) + j] += multiplicity[psuOf[i]] * weights[i];
                    }
                }
            }

            for (var c = 0; c < numerator.Length; c++)
            {
                result[c][r] = numerator[c] / denominator[c];
            }
        }

        return result;
    }
}
