using CsCheck;
using NetHelpfulness.Data;
using NetHelpfulness.Estimation;

namespace NetHelpfulness.Tests.Properties;

/// <summary>Invariants that must hold for every survey (CsCheck; a failure prints the generating seed).</summary>
public class NetScorePropertyTests
{
    private const long Iterations = 300;

    [Fact]
    public void Net_lies_in_minus_one_to_one_and_shares_sum_to_one()
    {
        RandomSurvey.Gen.Sample(s =>
        {
            foreach (var e in new[] { NetScore.Wald(s.Scores), NetScore.Linearized(s.Scores, s.Design()) })
            {
                Assert.InRange(e.Estimate, -1, 1);
                Assert.Equal(1.0, e.Helpful + e.Neutral + e.Creepy, 1e-12);
                Assert.Equal(e.Helpful - e.Creepy, e.Estimate, 1e-12);
                Assert.True(e.StandardError >= 0);
            }
        }, iter: Iterations);
    }

    [Fact]
    public void Swapping_helpful_and_creepy_negates_the_net_and_mirrors_the_interval()
    {
        RandomSurvey.Gen.Sample(s =>
        {
            var mirrored = s with { Ratings = [.. s.Ratings.Select(r => r == SurveyResponses.Missing ? r : (sbyte)(6 - r))] };
            foreach (var (a, b) in new[]
            {
                (NetScore.Wald(s.Scores), NetScore.Wald(mirrored.Scores)),
                (NetScore.Linearized(s.Scores, s.Design()), NetScore.Linearized(mirrored.Scores, mirrored.Design())),
            })
            {
                Assert.Equal(-a.Estimate, b.Estimate, 1e-12);
                Assert.Equal(a.StandardError, b.StandardError, 1e-12);
                Assert.Equal(-a.Interval.Upper, b.Interval.Lower, 1e-12);
                Assert.Equal(-a.Interval.Lower, b.Interval.Upper, 1e-12);
            }
        }, iter: Iterations);
    }

    [Fact]
    public void Scaling_all_weights_by_a_positive_constant_changes_nothing()
    {
        Gen.Select(RandomSurvey.Gen, Gen.Double[1e-3, 1e3]).Sample((s, c) =>
        {
            var a = NetScore.Linearized(s.Scores, s.Design());
            var b = NetScore.Linearized(s.Scores, s.Design(c));
            Assert.Equal(a.Estimate, b.Estimate, 1e-12);
            Assert.Equal(a.StandardError, b.StandardError, 1e-12);
            Assert.Equal(a.DesignEffect, b.DesignEffect, 1e-12);
        }, iter: Iterations);
    }

    [Fact]
    public void Respondent_order_changes_nothing()
    {
        RandomSurvey.Gen.Sample(s =>
        {
            var order = Enumerable.Range(0, s.N).OrderBy(i => (i * 7919) % s.N).ThenBy(i => i).Reverse().ToArray();
            var shuffled = new RandomSurvey(s.N, [.. order.Select(i => s.Ratings[i])], [.. order.Select(i => s.Weights[i])], [.. order.Select(i => s.Strata[i])], s.Seed);
            var a = NetScore.Linearized(s.Scores, s.Design());
            var b = NetScore.Linearized(shuffled.Scores, shuffled.Design());
            Assert.Equal(a.Estimate, b.Estimate, 1e-12);
            Assert.Equal(a.StandardError, b.StandardError, 1e-12);
        }, iter: Iterations);
    }

    [Fact]
    public void Equal_weights_and_no_strata_give_the_n_minus_one_sample_standard_error()
    {
        RandomSurvey.Gen.Sample(s =>
        {
            // Only respondents who answered: with skips the domain keeps the full design's n (see SurveyDesign).
            var complete = s.Scores.Where(x => x != SurveyResponses.Missing).ToArray();
            var answered = complete.Select(x => (double)x).ToArray();
            var mean = answered.Average();
            var sd = Math.Sqrt(answered.Sum(v => (v - mean) * (v - mean)) / (answered.Length - 1));
            var e = NetScore.Linearized(complete, SurveyDesign.SimpleRandomSample(complete.Length));
            Assert.Equal(mean, e.Estimate, 1e-12);
            Assert.Equal(sd / Math.Sqrt(answered.Length), e.StandardError, 1e-12);
        }, iter: Iterations);
    }

    [Fact]
    public void Loading_a_written_survey_gives_back_the_same_ratings()
    {
        RandomSurvey.Gen.Sample(s =>
        {
            var text = new System.Text.StringBuilder("respondent_id,country,weight,scenario,rating\n");
            for (var i = 0; i < s.N; i++)
            {
                var rating = s.Ratings[i] == SurveyResponses.Missing ? "" : s.Ratings[i].ToString(System.Globalization.CultureInfo.InvariantCulture);
                text.Append(System.Globalization.CultureInfo.InvariantCulture, $"\"r,{i}\",XX,{s.Weights[i]:R},a,{rating}\n");
            }

            var survey = SurveyReader.Read(new StringReader(text.ToString()), "generated", new SurveyReadOptions { WeightColumn = "weight" });
            Assert.Equal(s.Ratings, survey.Ratings.ToArray());
            Assert.Equal(s.Weights, survey.Weights.ToArray());
        }, iter: 100);
    }
}
