using NetHelpfulness.Estimation;
using NetHelpfulness.Randomness;
using NetHelpfulness.Simulation;

namespace NetHelpfulness.Tests.Simulation;

/// <summary>The portable logarithm and exponential against the platform's (which are accurate to about an ulp).</summary>
public class PortableMathTests
{
    public static TheoryData<double> LogArguments => [double.Epsilon, 1e-310, 2.2250738585072014e-308, 1e-200, 1e-17, 0.001, 0.1, 0.5,
        0.7071067811865475, 0.7071067811865476, 0.99999999, 1, 1.00000001, 1.4142135623730951, 2, Math.E, 10, 12345.678, 1e100, double.MaxValue];

    [Theory]
    [MemberData(nameof(LogArguments))]
    public void Log_agrees_with_Math_Log(double x)
    {
        var expected = Math.Log(x);
        Assert.True(Math.Abs(PortableMath.Log(x) - expected) <= 4e-16 * Math.Max(1, Math.Abs(expected)),
            $"ln {x:R}: {PortableMath.Log(x):R} vs {expected:R}");
    }

    [Fact]
    public void Log_agrees_with_Math_Log_on_a_dense_seeded_sample()
    {
        var random = new Xoshiro256StarStar(1);
        for (var i = 0; i < 20_000; i++)
        {
            var x = Math.Pow(10, (random.NextDouble() * 40) - 20);
            var expected = Math.Log(x);
            Assert.True(Math.Abs(PortableMath.Log(x) - expected) <= 4e-16 * Math.Max(1, Math.Abs(expected)), $"ln {x:R}");
        }
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(-1.0)]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public void Log_refuses_arguments_outside_its_domain(double x)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => PortableMath.Log(x));
    }

    [Theory]
    [InlineData(-700.0)]
    [InlineData(-20.5)]
    [InlineData(-1.0)]
    [InlineData(-0.3465735902799726)]
    [InlineData(0.0)]
    [InlineData(1e-12)]
    [InlineData(0.5)]
    [InlineData(1.0)]
    [InlineData(2.5)]
    [InlineData(88.7)]
    [InlineData(700.0)]
    public void Exp_agrees_with_Math_Exp(double x)
    {
        var expected = Math.Exp(x);
        Assert.True(Math.Abs(PortableMath.Exp(x) - expected) <= 4e-16 * expected, $"exp {x:R}: {PortableMath.Exp(x):R} vs {expected:R}");
    }

    [Fact]
    public void Exp_agrees_with_Math_Exp_on_a_dense_seeded_sample()
    {
        var random = new Xoshiro256StarStar(2);
        for (var i = 0; i < 20_000; i++)
        {
            var x = (random.NextDouble() * 20) - 10;
            var expected = Math.Exp(x);
            Assert.True(Math.Abs(PortableMath.Exp(x) - expected) <= 4e-16 * expected, $"exp {x:R}");
        }
    }

    [Theory]
    [InlineData(700.5)]
    [InlineData(-701.0)]
    [InlineData(double.NaN)]
    [InlineData(double.NegativeInfinity)]
    public void Exp_refuses_arguments_outside_its_range(double x)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => PortableMath.Exp(x));
    }
}
