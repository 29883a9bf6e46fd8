using CsCheck;
using NetHelpfulness.Data;
using NetHelpfulness.Estimation;

namespace NetHelpfulness.Tests.Properties;

/// <summary>Generated surveys for property tests: respondents, strata with ≥ 2 PSUs each, weights, skipped ratings.</summary>
internal sealed record RandomSurvey(int N, sbyte[] Ratings, double[] Weights, int[] Strata, int Seed)
{
    public sbyte[] Scores => [.. Ratings.Select(r => r == SurveyResponses.Missing ? SurveyResponses.Missing : RatingScale.FivePoint.Score(r))];

    public SurveyDesign Design(double weightScale = 1) => SurveyDesign.Create(N, [.. Weights.Select(w => w * weightScale)], Strata);

    public override string ToString() => $"RandomSurvey(n={N}, seed={Seed})";

    /// <summary>Surveys built from a CsCheck-generated seed (CsCheck prints the seed of a failing case).</summary>
    public static Gen<RandomSurvey> Gen { get; } = CsCheck.Gen.Int[0, int.MaxValue].Select(Make);

    public static RandomSurvey Make(int seed)
    {
        var random = new Random(seed);
        var strata = random.Next(1, 4);
        var n = random.Next(2 * strata, 80);
        var ratings = new sbyte[n];
        var weights = new double[n];
        var strataOf = new int[n];
        var allHelpful = random.Next(10) == 0;
        for (var i = 0; i < n; i++)
        {
            ratings[i] = i >= 2 && random.NextDouble() < 0.1 ? SurveyResponses.Missing : (sbyte)(allHelpful ? random.Next(4, 6) : random.Next(1, 6));
            weights[i] = 0.1 + (random.NextDouble() * 9.9);
            strataOf[i] = i % strata;
        }

        return new RandomSurvey(n, ratings, weights, strataOf, seed);
    }
}
