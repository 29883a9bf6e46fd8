using NetHelpfulness.Simulation;

namespace NetHelpfulness.Tests.Simulation;

/// <summary>The synthetic trust study: ratios, structure, determinism, and one test per input guard.</summary>
public class TrustSimulationTests
{
    [Theory]
    [InlineData(TrustSimulation.DefaultSeed, TrustSimulation.DefaultRespondents)]
    [InlineData(1UL, 1_000)]
    [InlineData(77UL, 1_003)]
    [InlineData(ulong.MaxValue, 25_000)]
    public void Risk_ratios_round_to_the_articles_at_one_decimal(ulong seed, int respondents)
    {
        var study = TrustSimulation.Generate(new TrustSimulationOptions { Seed = seed, Respondents = respondents });
        Assert.Equal(respondents, study.RespondentIds.Count);
        foreach (var (exposure, outcome, ratio) in StudyTargets.Ratios)
        {
            var measured = RiskRatio(study.Column(exposure), study.Column(outcome));
            Assert.True(Math.Abs(measured - ratio) < 0.05, $"{outcome} by {exposure}: {measured} does not round to {ratio}");
        }
    }

    [Fact]
    public void Reported_counts_are_the_counts_in_the_columns()
    {
        var study = TrustSimulation.Generate();
        foreach (var counts in study.Counts)
        {
            var x = study.Column(counts.Exposure).ToArray();
            var y = study.Column(counts.Outcome).ToArray();
            Assert.Equal(x.Count(v => v == 1), counts.Exposed);
            Assert.Equal(x.Count(v => v == 0), counts.Unexposed);
            Assert.Equal(x.Zip(y).Count(p => p.First == 1 && p.Second == 1), counts.ExposedWithOutcome);
            Assert.Equal(x.Zip(y).Count(p => p.First == 0 && p.Second == 1), counts.UnexposedWithOutcome);
            Assert.Equal(RiskRatio(x, y), counts.RiskRatio, 12);
        }
    }

    [Fact]
    public void Exposures_have_their_prevalence_and_correlate()
    {
        var study = TrustSimulation.Generate();
        var transparent = study.Column("transparent_humane").ToArray();
        var reliable = study.Column("reliable_capable").ToArray();
        Assert.Equal(3_000, transparent.Count(v => v == 1));
        Assert.Equal(3_375, reliable.Count(v => v == 1));
        Assert.True(RiskRatio(transparent, reliable) > 1.5, "perceived signals go together through general trust");
    }

    [Fact]
    public void The_file_has_the_contract_columns_and_0_1_values()
    {
        var lines = TrustSimulation.Generate().ToCsv().ToString().Split('\n');
        Assert.Equal("respondent_id,country,weight,transparent_humane,reliable_capable,shares_personal_info,more_value_than_expected,shares_digital_info", lines[0]);
        Assert.Equal("", lines[^1]);
        Assert.Equal(7_501, lines.Length - 1);
        Assert.All(lines[1..^1], line => Assert.Matches(@"^r\d{5},[A-Z]{2},\d+\.\d{4}(,[01]){5}$", line));
    }

    [Fact]
    public void Same_seed_gives_the_same_text()
    {
        Assert.Equal(TrustSimulation.Generate().ToCsv().ToString(), TrustSimulation.Generate().ToCsv().ToString());
        Assert.NotEqual(TrustSimulation.Generate().ToCsv().ToString(),
            TrustSimulation.Generate(new TrustSimulationOptions { Seed = 1 }).ToCsv().ToString());
    }

    [Fact]
    public void Counts_refuse_when_the_ratio_cannot_be_met()
    {
        // 10 exposed and 10 unexposed: a baseline of 16% is 2 people; 2.5 times that is 5 of 10 → ratio 2.5: possible.
        // With 3 exposed it is not (a must be 1.25 people or so).
        Assert.Equal(5, TrustSimulation.CountsFor(new RatioTarget("x", "y", 2.5m, 16), 10, 20).ExposedWithOutcome);
        Assert.Throws<ArgumentException>(() => TrustSimulation.CountsFor(new RatioTarget("x", "y", 2.5m, 16), 3, 20));
        Assert.Throws<ArgumentException>(() => TrustSimulation.CountsFor(new RatioTarget("x", "y", 2.5m, 16), 0, 20));
    }

    [Theory]
    [InlineData(999)]
    [InlineData(2_000_001)]
    public void Refuses_a_number_of_respondents_out_of_range(int respondents)
    {
        Assert.Throws<ArgumentException>(() => TrustSimulation.Generate(new TrustSimulationOptions { Respondents = respondents }));
    }

    [Fact]
    public void Refuses_a_ratio_with_two_decimals()
    {
        Assert.Throws<ArgumentException>(() => Generate(ratios: [new("transparent_humane", "y", 2.55m, 16)]));
    }

    [Fact]
    public void Refuses_a_ratio_of_zero()
    {
        Assert.Throws<ArgumentException>(() => Generate(ratios: [new("transparent_humane", "y", 0m, 16)]));
    }

    [Fact]
    public void Refuses_an_exposed_risk_of_100_percent_or_more()
    {
        Assert.Throws<ArgumentException>(() => Generate(ratios: [new("transparent_humane", "y", 2.5m, 40)]));
    }

    [Fact]
    public void Refuses_an_unknown_exposure()
    {
        Assert.Throws<ArgumentException>(() => Generate(ratios: [new("honest", "y", 2.5m, 16)]));
    }

    [Fact]
    public void Refuses_a_column_twice()
    {
        Assert.Throws<ArgumentException>(() => Generate(ratios: [new("transparent_humane", "y", 2.5m, 16), new("reliable_capable", "y", 1.6m, 30)]));
        Assert.Throws<ArgumentException>(() => Generate(ratios: [new("transparent_humane", "weight", 2.5m, 16)]));
    }

    [Theory]
    [InlineData("Shares")]
    [InlineData("shares info")]
    [InlineData("1st")]
    [InlineData("")]
    public void Refuses_column_names_that_are_not_lower_case_identifiers(string name)
    {
        Assert.Throws<ArgumentException>(() => Generate(ratios: [new("transparent_humane", name, 2.5m, 16)]));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(100)]
    public void Refuses_an_exposure_prevalence_outside_1_to_99_percent(int percent)
    {
        Assert.Throws<ArgumentException>(() => TrustSimulation.Generate(new TrustSimulationOptions
        {
            Respondents = 1_000,
            Exposures = [new("transparent_humane", percent)],
            Ratios = [new("transparent_humane", "y", 2.5m, 16)],
        }));
    }

    [Fact]
    public void Refuses_no_ratios()
    {
        Assert.Throws<ArgumentException>(() => Generate(ratios: []));
    }

    [Fact]
    public void Column_refuses_an_unknown_name()
    {
        Assert.Throws<ArgumentException>(() => TrustSimulation.Generate(new TrustSimulationOptions { Respondents = 1_000 }).Column("nope").Length);
    }

    internal static double RiskRatio(ReadOnlySpan<byte> exposure, ReadOnlySpan<byte> outcome)
    {
        double exposed = 0, exposedWith = 0, unexposed = 0, unexposedWith = 0;
        for (var i = 0; i < exposure.Length; i++)
        {
            if (exposure[i] == 1)
            {
                exposed++;
                exposedWith += outcome[i];
            }
            else
            {
                unexposed++;
                unexposedWith += outcome[i];
            }
        }

        return exposedWith / exposed / (unexposedWith / unexposed);
    }

    private static SyntheticTrustStudy Generate(IReadOnlyList<RatioTarget> ratios) =>
        TrustSimulation.Generate(new TrustSimulationOptions { Respondents = 1_000, Ratios = ratios });
}
