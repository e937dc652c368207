namespace Ember.Plots;

/// <summary>
/// Isolines of a function sampled on a regular grid (marching squares, linear interpolation along the cell edges,
/// saddles resolved by the cell's mean).
/// </summary>
internal static class Contours
{
    /// <summary>
    /// The segments of the isoline <paramref name="level"/>, as a polyline with NaN between segments (ScottPlot draws a
    /// NaN as a gap), so one level is one plottable.
    /// </summary>
    /// <param name="z">z[i, j] = f(xs[j], ys[i]).</param>
    /// <param name="xs">The grid's x coordinates, increasing.</param>
    /// <param name="ys">The grid's y coordinates, increasing.</param>
    /// <param name="level">The value of the isoline.</param>
    public static (double[] X, double[] Y) Isoline(double[,] z, double[] xs, double[] ys, double level)
    {
        var segments = new List<(double X0, double Y0, double X1, double Y1)>();
        Span<double> ex = stackalloc double[4], ey = stackalloc double[4];
        for (int i = 0; i + 1 < ys.Length; i++)
            for (int j = 0; j + 1 < xs.Length; j++)
            {
                double z00 = z[i, j], z01 = z[i, j + 1], z10 = z[i + 1, j], z11 = z[i + 1, j + 1];
                if (!(double.IsFinite(z00) && double.IsFinite(z01) && double.IsFinite(z10) && double.IsFinite(z11))) continue;
                // Crossing points on the edges: bottom (00-01), right (01-11), top (10-11), left (00-10).
                int n = 0;
                if (Crosses(z00, z01, level)) { ex[n] = Lerp(xs[j], xs[j + 1], z00, z01, level); ey[n++] = ys[i]; }
                if (Crosses(z01, z11, level)) { ex[n] = xs[j + 1]; ey[n++] = Lerp(ys[i], ys[i + 1], z01, z11, level); }
                if (Crosses(z10, z11, level)) { ex[n] = Lerp(xs[j], xs[j + 1], z10, z11, level); ey[n++] = ys[i + 1]; }
                if (Crosses(z00, z10, level)) { ex[n] = xs[j]; ey[n++] = Lerp(ys[i], ys[i + 1], z00, z10, level); }
                if (n == 2) segments.Add((ex[0], ey[0], ex[1], ey[1]));
                else if (n == 4)
                {
                    // Saddle: bottom, right, top, left. If the centre is on the same side as corner 00, the 00 and 11
                    // corners are joined through the centre and the lines cut off corners 01 and 10.
                    bool centreAbove = (z00 + z01 + z10 + z11) / 4 >= level;
                    if (centreAbove == (z00 >= level))
                    {
                        segments.Add((ex[0], ey[0], ex[1], ey[1])); // around corner 01
                        segments.Add((ex[2], ey[2], ex[3], ey[3])); // around corner 10
                    }
                    else
                    {
                        segments.Add((ex[0], ey[0], ex[3], ey[3])); // around corner 00
                        segments.Add((ex[1], ey[1], ex[2], ey[2])); // around corner 11
                    }
                }
            }
        return Stitch(segments);
    }

    /// <summary><paramref name="count"/> levels spread over the values' quantiles (so that every region of a steep
    /// function gets lines), strictly between the smallest and largest finite value, distinct.</summary>
    public static double[] Levels(double[,] z, int count)
    {
        var finite = z.Cast<double>().Where(double.IsFinite).Order().ToArray();
        if (finite.Length == 0 || finite[0] == finite[^1]) return [];
        var levels = new SortedSet<double>();
        for (int k = 1; k <= count; k++)
        {
            // Quantiles of a quadratic-ish surface crowd near the minimum: square the fraction to spread them.
            double q = (double)k / (count + 1);
            double v = finite[(int)Math.Round(q * q * (finite.Length - 1))];
            if (v > finite[0] && v < finite[^1]) levels.Add(v);
        }
        return [.. levels];
    }

    private static bool Crosses(double a, double b, double level) => (a >= level) != (b >= level);

    private static double Lerp(double p0, double p1, double v0, double v1, double level) =>
        p0 + (p1 - p0) * ((level - v0) / (v1 - v0));

    /// <summary>
    /// Joins segments that share end points into polylines (neighbouring cells compute a shared edge's crossing from the
    /// same two values, so the points match exactly), NaN after each polyline.
    /// </summary>
    private static (double[] X, double[] Y) Stitch(List<(double X0, double Y0, double X1, double Y1)> segments)
    {
        var at = new Dictionary<(double, double), List<int>>();
        for (int k = 0; k < segments.Count; k++)
        {
            var (x0, y0, x1, y1) = segments[k];
            Touching(at, (x0, y0)).Add(k);
            Touching(at, (x1, y1)).Add(k);
        }
        var used = new bool[segments.Count];
        var px = new List<double>();
        var py = new List<double>();
        var chain = new LinkedList<(double X, double Y)>();
        for (int k = 0; k < segments.Count; k++)
        {
            if (used[k]) continue;
            used[k] = true;
            chain.Clear();
            chain.AddLast((segments[k].X0, segments[k].Y0));
            chain.AddLast((segments[k].X1, segments[k].Y1));
            for (bool forward = true; ; forward = false)
            {
                while (Next(forward ? chain.Last!.Value : chain.First!.Value) is { } p)
                    if (forward) chain.AddLast(p); else chain.AddFirst(p);
                if (!forward) break;
            }
            foreach (var (x, y) in chain) { px.Add(x); py.Add(y); }
            px.Add(double.NaN);
            py.Add(double.NaN);
        }
        return (px.ToArray(), py.ToArray());

        (double, double)? Next((double X, double Y) end)
        {
            foreach (int j in at[end])
            {
                if (used[j]) continue;
                used[j] = true;
                var (x0, y0, x1, y1) = segments[j];
                return (x0, y0) == end ? (x1, y1) : (x0, y0);
            }
            return null;
        }
    }

    private static List<int> Touching(Dictionary<(double, double), List<int>> at, (double, double) point)
    {
        if (!at.TryGetValue(point, out var list)) at[point] = list = new List<int>(2);
        return list;
    }
}
