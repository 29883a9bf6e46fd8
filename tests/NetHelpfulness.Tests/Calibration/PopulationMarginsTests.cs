using NetHelpfulness.Data;
using NetHelpfulness.Estimation;
using NetHelpfulness.Estimation.Calibration;
using NetHelpfulness.Tests.Cli;

namespace NetHelpfulness.Tests.Calibration;

/// <summary>The margins file's contract, and how margins are matched with a survey's columns and levels.</summary>
public sealed class PopulationMarginsTests : IDisposable
{
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void Reads_totals_in_file_order_and_ignores_other_columns()
    {
        var path = _temp.File("m.csv", "source,variable,level,total\ncensus,gender,female,515\ncensus,gender,male,485\ncensus,age,young,400\ncensus,age,old,600\n");
        var margins = PopulationMargins.ReadFile(path);
        Assert.Equal(["gender", "age"], margins.Variables.Select(v => v.Name));
        Assert.Equal(1000, margins.Find("age")!.Total);
        Assert.Equal(3, margins.Find("gender")!.Find("male")!.Line);
    }

    [Fact]
    public void Shares_are_multiplied_by_the_population_and_must_add_up_to_one()
    {
        var path = _temp.File("s.csv", "variable,level,total\ngender,female,0.515\ngender,male,0.485\n");
        var margins = PopulationMargins.ReadFile(path, new MarginsReadOptions { AsShares = true, Population = 2000 });
        Assert.Equal(1030, margins.Find("gender")!.Find("female")!.Total, 1e-9);

        var bad = _temp.File("bad.csv", "variable,level,total\ngender,female,0.5\ngender,male,0.4999\n");
        var error = Assert.Throws<SurveyDataException>(() => PopulationMargins.ReadFile(bad, new MarginsReadOptions { AsShares = true, Population = 2000 }));
        Assert.Contains("add up to 1", error.Message, StringComparison.Ordinal);
        Assert.Contains("0.9999", error.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => PopulationMargins.ReadFile(path, new MarginsReadOptions { AsShares = true }));
    }

    [Fact]
    public void Every_problem_of_the_file_is_listed_with_its_line()
    {
        var path = _temp.File("m.csv", "variable,level,total\n,x,1\nage,,2\nage,old,-3\nage,young,0\nage,young,5\nage,mid,1e400\n");
        var error = Assert.Throws<SurveyDataException>(() => PopulationMargins.ReadFile(path));
        Assert.Equal([2L, 3, 4, 5, 6, 7], error.Issues.Select(i => i.Line));
        Assert.Contains("margin of zero", error.Issues[3].Expected, StringComparison.Ordinal);
        var missing = _temp.File("cols.csv", "variable,level\nage,old\n");
        Assert.Contains("a column named 'total'", Assert.Throws<SurveyDataException>(() => PopulationMargins.ReadFile(missing)).Message, StringComparison.Ordinal);
        var empty = _temp.File("empty.csv", "variable,level,total\n");
        Assert.Contains("at least one margin", Assert.Throws<SurveyDataException>(() => PopulationMargins.ReadFile(empty)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Crossed_columns_are_matched_by_their_joined_values_and_a_column_of_that_name_wins()
    {
        var survey = Survey(("a", ["x", "x", "y", "y"]), ("b", ["1", "2", "1", "2"]), ("a:b", ["p", "p", "q", "q"]));
        var crossed = PopulationMargins.Create([("a:b", "p", 10), ("a:b", "q", 30)]);
        var result = SurveyCalibration.Calibrate(survey, new DesignSpec { Calibration = new CalibrationSpec(crossed, CalibrationMethod.PostStratify) });
        Assert.Equal([5, 5, 15, 15], result.Weights.ToArray());

        var other = Survey(("a", ["x", "x", "y", "y"]), ("b", ["1", "2", "1", "2"]));
        var cells = PopulationMargins.Create([("a:b", "x:1", 1), ("a:b", "x:2", 2), ("a:b", "y:1", 3), ("a:b", "y:2", 4)]);
        var byCell = SurveyCalibration.Calibrate(other, new DesignSpec { Calibration = new CalibrationSpec(cells, CalibrationMethod.PostStratify) });
        Assert.Equal([1, 2, 3, 4], byCell.Weights.ToArray());
    }

    [Fact]
    public void Values_that_join_into_the_same_level_or_are_empty_are_refused()
    {
        var ambiguous = Survey(("a", ["x:1", "x", "y", "y"]), ("b", ["2", "1:2", "1", "2"]));
        var margins = PopulationMargins.Create([("a:b", "x:1:2", 2), ("a:b", "y:1", 1), ("a:b", "y:2", 1)]);
        var error = Assert.Throws<SurveyDataException>(() => SurveyCalibration.Calibrate(ambiguous, new DesignSpec { Calibration = new CalibrationSpec(margins, CalibrationMethod.PostStratify) }));
        Assert.Contains("join with ':' into one level only", error.Message, StringComparison.Ordinal);

        var empty = Survey(("a", ["x", "", "y", "y"]));
        var some = PopulationMargins.Create([("a", "x", 2), ("a", "y", 1)]);
        var blank = Assert.Throws<SurveyDataException>(() => SurveyCalibration.Calibrate(empty, new DesignSpec { Calibration = new CalibrationSpec(some, CalibrationMethod.PostStratify) }));
        Assert.Contains("a value (not empty)", blank.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Post_stratification_takes_one_variable_and_linear_weights_must_stay_positive()
    {
        var survey = Survey(("a", ["x", "x", "y", "y"]), ("b", ["1", "2", "1", "2"]));
        var two = PopulationMargins.Create([("a", "x", 2), ("a", "y", 2), ("b", "1", 2), ("b", "2", 2)]);
        var error = Assert.Throws<SurveyDataException>(() => SurveyCalibration.Calibrate(survey, new DesignSpec { Calibration = new CalibrationSpec(two, CalibrationMethod.PostStratify) }));
        Assert.Contains("one variable for post-stratification", error.Message, StringComparison.Ordinal);

        // Linear calibration to totals far from the sample gives negative weights: refused, with the way out.
        var skewed = Survey(("a", ["x", "x", "x", "y", "y", "y"]), ("b", ["1", "1", "2", "1", "2", "2"]));
        var far = PopulationMargins.Create([("a", "x", 1), ("a", "y", 99), ("b", "1", 99), ("b", "2", 1)]);
        var result = SurveyCalibration.Calibrate(skewed, new DesignSpec { Calibration = new CalibrationSpec(far, CalibrationMethod.Linear) });
        Assert.False(result.Succeeded);
        Assert.Contains("not positive", result.Problem, StringComparison.Ordinal);
        Assert.Throws<CalibrationException>(() => result.Design);
    }

    private static SurveyResponses Survey(params (string Name, string[] Values)[] columns)
    {
        var n = columns[0].Values.Length;
        return new SurveyResponses("test.csv", RatingScale.FivePoint, ["s"], [.. Enumerable.Range(1, n).Select(i => $"r{i}")], [.. Enumerable.Repeat((sbyte)4, n)],
            groups: [.. columns.Select(c => CodedColumn.FromValues(c.Name, c.Values))]);
    }
}
