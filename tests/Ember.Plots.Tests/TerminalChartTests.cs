namespace Ember.Plots.Tests;

public class TerminalChartTests
{
    [Fact]
    public void RisingLineInOneRow()
    {
        // 4 points over 2×4 dots: (col, row from bottom) = (0,0) (1,1) (2,2) (3,3).
        // Left cell: dot (0, bottom) = 0x40, dot (1, 2nd from bottom) = 0x20 → U+2860; right cell: 0x02 | 0x08 → U+280A.
        Assert.Equal("3 ┤⡠⠊", TerminalChart.Render([0, 1, 2, 3], width: 2, height: 1));
    }

    [Fact]
    public void LabelsMaxOnTopAndMinAtTheBottom()
    {
        string chart = TerminalChart.Render([10, 0, 10], width: 2, height: 2, label: "loss");
        // 8 dot rows; columns 0, 2 (1.5 rounds to even), 3: (0,7) → (2,0) → (3,7) joined by Bresenham lines. Dots set:
        // column 0 rows 7-6, column 1 rows 5-2, column 2 rows 3-0, column 3 rows 4-7 (rows from the bottom).
        Assert.Equal("loss\n10 ┤⢣⢸\n 0 ┤⠘⡇", chart);
    }

    [Fact]
    public void FlatValuesSitInTheMiddle()
    {
        Assert.Equal("5 ┤⠒", TerminalChart.Render([5, 5], width: 1, height: 1));
    }

    [Fact]
    public void NaNBreaksTheLine()
    {
        // Points at columns 0, 1, 2, 3; the NaN at index 1 leaves column 1 empty and nothing joins 0 to 2.
        Assert.Equal("3 ┤⡀⠊", TerminalChart.Render([0, double.NaN, 2, 3], width: 2, height: 1));
        Assert.Equal("loss\n(no data)", TerminalChart.Render([double.NaN, double.PositiveInfinity], label: "loss"));
        Assert.Equal("(no data)", TerminalChart.Render([]));
    }

    [Fact]
    public void LogScalePlacesDecadesEvenlyAndLabelsValues()
    {
        // log10: 0, 1, 2 → rows 0, 2, 3 and columns 0, 2, 3; the values ≤ 0 are skipped.
        Assert.Equal("100 ┤⡠⠊", TerminalChart.Render([1, 10, 100], width: 2, height: 1, logY: true));
        Assert.Equal("100 ┤⡠⠊", TerminalChart.Render([1, 10, 100], width: 2, height: 1, logY: true));
        string withZero = TerminalChart.Render([0, 1, 100], width: 4, height: 2, logY: true);
        Assert.StartsWith("100 ┤", withZero);
        Assert.Contains("\n  1 ┤", withZero);
    }

    [Fact]
    public void ShapeOfTheDefaultChart()
    {
        var values = Enumerable.Range(0, 100).Select(i => Math.Exp(-i / 20.0)).ToArray();
        var lines = TerminalChart.Render(values).Split('\n');
        Assert.Equal(8, lines.Length);
        Assert.All(lines, l => Assert.Equal(lines[0].Length, l.Length));
        Assert.StartsWith("       1 ┤⠱⡀ ", lines[0]);
        Assert.StartsWith("0.007083 ┤", lines[7]);
        Assert.StartsWith("         │", lines[3]);
        Assert.Equal(60, lines[0].Length - "       1 ┤".Length);
    }

    [Fact]
    public void BadArgumentsThrow()
    {
        Assert.StartsWith("terminal chart: width must be in [1, 1000], got 0", Assert.Throws<ArgumentOutOfRangeException>(() => TerminalChart.Render([1], width: 0)).Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => TerminalChart.Render([1], height: TerminalChart.MaxHeight + 1));
        Assert.Throws<ArgumentNullException>(() => TerminalChart.Render(null!));
    }
}
