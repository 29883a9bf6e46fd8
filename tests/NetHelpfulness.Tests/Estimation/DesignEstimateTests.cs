using System.Text.Json;
using NetHelpfulness.Cli;
using NetHelpfulness.Data;
using NetHelpfulness.Estimation;

namespace NetHelpfulness.Tests.Estimation;

/// <summary>
/// Open estimates (DesignEstimate) and their combinations against R survey 4.1.1 on a stratified, clustered, weighted
/// file with skipped answers and extra columns; the R calls are in tests/reference/contrast-reference.R and at the top
/// of each expected file.
/// </summary>
public class DesignEstimateTests
{
    private const double Tolerance = 1e-9;
    private static readonly string Input = ReferenceFiles.Path("tests", "reference", "data", "design-survey.csv");
    private static readonly DesignSpec Spec = new() { Weight = "weight", Strata = "stratum", Cluster = "cluster" };

    public static TheoryData<string> Contrasts() => [.. ReferenceFiles.ReadTable("tests/reference/expected/contrast/contrasts.csv").Select(r => r["name"])];

    [Theory]
    [MemberData(nameof(Contrasts))]
    public void Compare_contrast_equals_R_svycontrast(string name)
    {
        var row = ReferenceFiles.ReadTable("tests/reference/expected/contrast/contrasts.csv").Single(r => r["name"] == name);
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var code = CommandLineApp.Run(["compare", "--input", Input, "--weight", "weight", "--strata", "stratum", "--cluster", "cluster",
            "--contrast", row["contrast"].Replace(';', ','), "--format", "json"], stdout, stderr);
        Assert.True(code == 0, stderr.ToString());
        using var json = JsonDocument.Parse(stdout.ToString());
        var contrast = json.RootElement.GetProperty("contrast");
        foreach (var field in new[] { "estimate", "se", "ci_low", "ci_high" })
        {
            Assert.Equal(row.Number(field), contrast.GetProperty(field).GetDouble(), Tolerance);
        }

        Assert.Equal("linearized", json.RootElement.GetProperty("method").GetString());
    }

    [Fact]
    public void Contrast_of_scenarios_nobody_skipped_equals_svycontrast_on_svymean()
    {
        var row = ReferenceFiles.ReadTable("tests/reference/expected/contrast/contrasts-complete-cases.csv").Single();
        var (survey, design) = Load();
        var contrast = DesignEstimates.Contrast(NetScore.Estimates(survey, design).Where(e => e.Name is "sale_alert" or "repurchase_reminder").ToList(), [1.0, -1.0]);
        Assert.Equal(row.Number("estimate"), contrast.Estimate, Tolerance);
        Assert.Equal(row.Number("se"), contrast.StandardError, Tolerance);
        Assert.Equal(row.Number("ci_low"), contrast.Interval().Lower, Tolerance);
    }

    [Fact]
    public void Ratio_of_two_net_scores_equals_R_by_the_delta_method()
    {
        var row = ReferenceFiles.ReadTable("tests/reference/expected/contrast/ratio.csv").Single();
        var (survey, design) = Load();
        var estimates = NetScore.Estimates(survey, design);
        var ratio = DesignEstimates.Ratio(estimates.Single(e => e.Name == row["a"]), estimates.Single(e => e.Name == row["b"]));
        Assert.Equal(row.Number("estimate"), ratio.Estimate, Tolerance);
        Assert.Equal(row.Number("se"), ratio.StandardError, Tolerance);
    }

    [Fact]
    public void Covariance_matrix_equals_R_vcov_and_gives_every_contrasts_variance()
    {
        var rows = ReferenceFiles.ReadTable("tests/reference/expected/contrast/covariance.csv");
        var (survey, design) = Load();
        string[] ids = ["sale_alert", "birthday_offer", "overheard_coffee_ad"];
        var estimates = ids.Select(id => NetScore.Estimates(survey, design).Single(e => e.Name == id)).ToList();
        var covariance = design.Covariance(estimates);
        foreach (var row in rows)
        {
            Assert.Equal(row.Number("covariance"), covariance[Array.IndexOf(ids, row["a"]), Array.IndexOf(ids, row["b"])], 1e-12);
        }

        double[] c = [1, -0.5, -0.5];
        var quadratic = 0.0;
        for (var a = 0; a < 3; a++)
        {
            for (var b = 0; b < 3; b++)
            {
                quadratic += c[a] * c[b] * covariance[a, b];
            }
        }

        Assert.Equal(quadratic, DesignEstimates.Contrast(estimates, c).Variance, 1e-15);
    }

    [Fact]
    public void A_domain_mean_is_the_linearized_net_score_and_combinations_combine_further()
    {
        var (survey, design) = Load();
        var estimates = NetScore.Estimates(survey, design);
        var scores = NetScore.ForEachScenario(survey, design, IntervalMethod.Linearized);
        for (var j = 0; j < estimates.Count; j++)
        {
            Assert.Equal(scores[j].Score.Estimate, estimates[j].Estimate);
            Assert.Equal(scores[j].Score.StandardError, estimates[j].StandardError);
            Assert.Equal(scores[j].Score.EffectiveN, estimates[j].EffectiveN, 1e-9);
        }

        // (a − b) − (c − d) built in two steps equals the one-step contrast.
        var twoStep = DesignEstimates.Difference(DesignEstimates.Difference(estimates[0], estimates[1]), DesignEstimates.Difference(estimates[2], estimates[3]));
        var oneStep = DesignEstimates.Contrast(estimates.Take(4).ToList(), [1.0, -1.0, -1.0, 1.0]);
        Assert.Equal(oneStep.Estimate, twoStep.Estimate, 1e-15);
        Assert.Equal(oneStep.StandardError, twoStep.StandardError, 1e-15);
    }

    [Fact]
    public void Estimates_of_two_designs_do_not_combine()
    {
        var (survey, design) = Load();
        var other = survey.Design(DesignSpec.Unweighted);
        var a = NetScore.Estimate(survey.Scores(0), design, "a");
        var b = NetScore.Estimate(survey.Scores(1), other, "b");
        var e = Assert.Throws<ArgumentException>(() => DesignEstimates.Difference(a, b));
        Assert.Contains("another design", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Contrast_needs_one_coefficient_per_estimate()
    {
        var (survey, design) = Load();
        var estimates = NetScore.Estimates(survey, design);
        Assert.Throws<ArgumentException>(() => DesignEstimates.Contrast(estimates, [1.0]));
        Assert.Throws<ArgumentException>(() => DesignEstimates.Contrast(estimates.Take(2).ToList(), [1.0, double.NaN]));
    }

    [Theory]
    [InlineData("sale_alert", "not SCENARIO=COEFFICIENT")]
    [InlineData("sale_alert=x", "not SCENARIO=COEFFICIENT")]
    [InlineData("sale_alert=1,sale_alert=-1", "twice")]
    [InlineData("sale_alert=0", "every coefficient is 0")]
    [InlineData("no_such=1", "no scenario 'no_such'")]
    public void Bad_contrast_is_bad_usage(string contrast, string message)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var code = CommandLineApp.Run(["compare", "--input", Input, "--contrast", contrast], stdout, stderr);
        Assert.Equal(2, code);
        Assert.Equal("", stdout.ToString());
        Assert.Contains(message, stderr.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Contrast_refuses_methods_the_registry_does_not_allow_for_contrasts()
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var code = CommandLineApp.Run(["compare", "--input", Input, "--contrast", "sale_alert=1,birthday_offer=-1", "--ci", "bootstrap-bca"], stdout, stderr);
        Assert.Equal(2, code);
        Assert.Contains("does not apply to a contrast", stderr.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void One_read_gives_any_number_of_designs()
    {
        var survey = SurveyReader.ReadFile(Input);
        Assert.Contains("panel_note", survey.ColumnNames);
        var weighted = NetScore.ForEachScenario(survey, survey.Design(Spec), IntervalMethod.Linearized);
        var plain = NetScore.ForEachScenario(survey, survey.Design(DesignSpec.Unweighted), IntervalMethod.Linearized);
        var readWeighted = SurveyReader.ReadFile(Input, new SurveyReadOptions { WeightColumn = "weight", StrataColumn = "stratum", ClusterColumn = "cluster" });
        var reference = NetScore.ForEachScenario(readWeighted, IntervalMethod.Linearized);
        for (var j = 0; j < weighted.Count; j++)
        {
            Assert.Equal(reference[j].Score.Estimate, weighted[j].Score.Estimate);
            Assert.Equal(reference[j].Score.StandardError, weighted[j].Score.StandardError);
            Assert.NotEqual(weighted[j].Score.StandardError, plain[j].Score.StandardError);
        }
    }

    [Fact]
    public void A_design_column_that_is_not_a_positive_number_names_the_line()
    {
        var path = Path.Combine(Path.GetTempPath(), $"nethelp-design-{Guid.NewGuid():N}.csv");
        File.WriteAllText(path, "respondent_id,w,scenario,rating\nr1,1.5,a,4\nr2,-1,a,5\nr3,abc,a,2\n");
        try
        {
            var survey = SurveyReader.ReadFile(path);
            var e = Assert.Throws<SurveyDataException>(() => survey.Design(new DesignSpec { Weight = "w" }));
            Assert.Equal([3L, 4L], e.Issues.Select(i => i.Line));
            Assert.Equal(["-1", "abc"], e.Issues.Select(i => i.Found));
            Assert.All(e.Issues, i => Assert.Equal("w", i.Column));
            Assert.Throws<ArgumentException>(() => survey.Design(new DesignSpec { Weight = "nope" }));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void The_Wald_rule_is_one_check_in_the_registry()
    {
        var (survey, design) = Load();
        var e = Assert.Throws<ArgumentException>(() => NetScore.ForEachScenario(survey, design, IntervalMethod.Wald));
        Assert.Equal(IntervalMethods.Of(IntervalMethod.Wald).WhyNot(EstimateTarget.NetScore, weighted: true), e.Message.Split(" (Parameter")[0]);
        Assert.Throws<ArgumentException>(() => PairedDifference.Compare(survey, "sale_alert", "birthday_offer", design, IntervalMethod.Wald));
        Assert.Throws<ArgumentException>(() => GroupComparison.ByGroup(survey, survey.Column("country"), design, IntervalMethod.Wald));
        Assert.NotNull(NetScore.ForEachScenario(survey, survey.Design(DesignSpec.Unweighted), IntervalMethod.Wald));
    }

    [Fact]
    public void The_help_of_score_lists_the_registrys_methods()
    {
        using var stdout = new StringWriter();
        CommandLineApp.Run(["score", "--help"], stdout, TextWriter.Null);
        foreach (var method in IntervalMethods.For(EstimateTarget.NetScore))
        {
            Assert.Contains(method.Name, stdout.ToString(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Every_result_record_exposes_the_shared_summary()
    {
        var (survey, design) = Load();
        var score = NetScore.ForEachScenario(survey, design, IntervalMethod.Linearized)[0].Score;
        Assert.Equal((score.Estimate, score.StandardError, score.Interval, "linearized", score.N, score.EffectiveN),
            (score.Summary.Estimate, score.Summary.StandardError, score.Summary.Interval, score.Summary.Method, score.Summary.N, score.Summary.EffectiveN));
        var paired = PairedDifference.Compare(survey, "sale_alert", "birthday_offer", design, IntervalMethod.Linearized).Difference;
        var direct = DesignEstimates.Difference(NetScore.Estimate(survey.Scores(0), design), NetScore.Estimate(survey.Scores(0), design));
        Assert.Equal(paired.N, paired.Summary.N);
        Assert.True(paired.Summary.EffectiveN < paired.N, "a weighted difference has an effective n below its n");
        Assert.Equal(0, direct.Estimate);
        var exposure = new byte[survey.RespondentCount];
        var outcome = new byte[survey.RespondentCount];
        for (var i = 0; i < exposure.Length; i++)
        {
            exposure[i] = (byte)(survey.Column("gender")[i] == "female" ? 1 : 0);
            outcome[i] = (byte)(survey.Rating(i, 0) >= 4 ? 1 : 0);
        }

        var ratio = Ratios.Compare(exposure, outcome, design).RiskRatio;
        Assert.Equal(survey.RespondentCount, ratio.Summary.N);
        Assert.Equal("linearized-log", ratio.Summary.Method);
        IEstimateResult[] results = [score, paired, ratio, Effects.EstimateAll(survey, ScenarioCatalogue.Read(ReferenceFiles.Path("data", "scenarios.csv")), design)[0].Helpful];
        Assert.All(results, r => Assert.True(double.IsFinite(r.Summary.StandardError) && r.Summary.N > 0));
    }

    private static (SurveyResponses Survey, SurveyDesign Design) Load()
    {
        var survey = SurveyReader.ReadFile(Input);
        return (survey, survey.Design(Spec));
    }
}
