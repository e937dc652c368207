using System.Collections.Concurrent;
using System.Diagnostics;
using System.Reflection;
using System.Text.RegularExpressions;

namespace Ember.Tests.Robustness;

/// <summary>A call that broke the bad-input contract.</summary>
internal sealed record BatteryFailure(BatteryCall Call, string Kind, string Detail)
{
    public override string ToString() => $"{Call.Text}: {Kind}: {Detail}";
}

/// <summary>
/// Runs battery calls on a worker thread watched by the calling thread: a call that runs longer than the timeout is
/// reported as a hang and abandoned (the worker is a background thread; a fresh one carries on with the next call).
/// Every exception that escapes is checked against the contract for bad input.
/// </summary>
internal static partial class BatteryRunner
{
    /// <summary>Exception types a public tensor method may throw for bad input (their subclasses included).</summary>
    private static readonly Type[] Allowed =
        [typeof(ArgumentException), typeof(IndexOutOfRangeException), typeof(InvalidOperationException), typeof(NotSupportedException)];

    /// <summary>
    /// "op:" or "op():", the op a lower-case PyTorch name (dots and underscores allowed), or one of PyTorch's attribute
    /// names T and mT.
    /// </summary>
    [GeneratedRegex(@"^([a-z][a-z0-9_.]*|T|mT)(\(\))?: ")]
    private static partial Regex OpPrefix();

    private sealed class Progress
    {
        public int Index;
        public long StartedAt;
        public volatile bool Abandoned;
    }

    /// <summary>
    /// Runs the calls; returns the broken ones. <paramref name="thrown"/>, when given, collects every exception type a
    /// method threw within the contract (with one call as an example), for the check that its XML docs list it.
    /// </summary>
    public static List<BatteryFailure> Run(IReadOnlyList<BatteryCall> calls, TimeSpan perCall, out int hangs,
        ConcurrentDictionary<(MethodInfo Method, Type Exception), string>? thrown = null)
    {
        var failures = new ConcurrentQueue<BatteryFailure>();
        long limit = (long)(perCall.TotalSeconds * Stopwatch.Frequency);
        int next = 0;
        hangs = 0;
        while (next < calls.Count)
        {
            var progress = new Progress { Index = next, StartedAt = Stopwatch.GetTimestamp() };
            int from = next;
            var worker = new Thread(() => Work(calls, from, progress, failures, thrown), 16 << 20) { IsBackground = true, Name = "bad-input battery" };
            worker.Start();
            while (!worker.Join(20))
            {
                int index = Volatile.Read(ref progress.Index);
                long started = Volatile.Read(ref progress.StartedAt);
                if (index != Volatile.Read(ref progress.Index) || Stopwatch.GetTimestamp() - started < limit) continue;
                progress.Abandoned = true;
                failures.Enqueue(new BatteryFailure(calls[index], "hang", $"still running after {perCall.TotalSeconds:F0} s"));
                hangs++;
                next = index + 1;
                break;
            }
            if (!progress.Abandoned) next = calls.Count;
        }
        return [.. failures];
    }

    private static void Work(IReadOnlyList<BatteryCall> calls, int from, Progress progress, ConcurrentQueue<BatteryFailure> failures,
        ConcurrentDictionary<(MethodInfo Method, Type Exception), string>? thrown)
    {
        for (int i = from; i < calls.Count && !progress.Abandoned; i++)
        {
            Volatile.Write(ref progress.StartedAt, Stopwatch.GetTimestamp());
            Volatile.Write(ref progress.Index, i);
            if (Check(calls[i], thrown) is { } failure) failures.Enqueue(failure);
        }
    }

    /// <summary>Runs one call; null when it kept the contract (an exception it threw within it is added to <paramref name="thrown"/>).</summary>
    public static BatteryFailure? Check(BatteryCall call, ConcurrentDictionary<(MethodInfo Method, Type Exception), string>? thrown = null)
    {
        object?[] args;
        try
        {
            args = call.Args.Select(a => a.Make()).ToArray();
        }
        catch (Exception e)
        {
            return new BatteryFailure(call, "battery", "making the arguments threw " + e.GetType().Name + ": " + e.Message);
        }
        object? target = call.Method.IsStatic ? null : args[0];
        var parameters = call.Method.IsStatic ? args : args[1..];
        if (!call.Method.IsStatic && target is null) return null; // x.Op() on a null x is the caller's NullReferenceException
        object? result;
        try
        {
            result = call.Method.Invoke(target, BindingFlags.DoNotWrapExceptions, null, parameters, null);
        }
        catch (Exception e)
        {
            var failure = Judge(call, e, "");
            if (failure is null && e is not ObjectDisposedException) thrown?.TryAdd((call.Method, e.GetType()), $"{call.Text}: {e.Message}");
            return failure;
        }
        try
        {
            Use(result);
        }
        catch (Exception e)
        {
            // A returned tensor must be usable: a broken view (offset or strides past its storage) shows up here.
            if (e is ObjectDisposedException) return null;
            return new BatteryFailure(call, "unusable result", $"{e.GetType().Name}: {e.Message}");
        }
        return null;
    }

    private static BatteryFailure? Judge(BatteryCall call, Exception e, string when)
    {
        string what = $"{when}{e.GetType().FullName}: {e.Message}";
        if (e is ArgumentNullException an)
            return an.ParamName is null ? new BatteryFailure(call, "ArgumentNullException without a parameter name", what) : null;
        if (e is ObjectDisposedException) return null;
        if (e is DivideByZeroException)
            return IsIntegerDivision(call.Method.Name) && OpPrefix().IsMatch(e.Message) ? null
                : new BatteryFailure(call, "DivideByZeroException", what + At(e));
        // Methods that read or write files (a "path" parameter) may also fail as the file system does, and on malformed files.
        bool io = call.Method.GetParameters().Any(p => p.Name == "path");
        if (io && e is IOException or UnauthorizedAccessException) return null;
        if (!Allowed.Any(t => t.IsInstanceOfType(e)) && !(io && e is Ember.Serialization.ModelFormatException))
            return new BatteryFailure(call, e.GetType().Name, what + At(e));
        if (!OpPrefix().IsMatch(e.Message))
            return new BatteryFailure(call, "message without an op name", what + At(e));
        return null;
    }

    private static bool IsIntegerDivision(string name) =>
        name.StartsWith("Div") || name.StartsWith("Remainder") || name.StartsWith("Fmod") || name.StartsWith("FloorDivide")
        || name is "op_Division" or "op_DivisionAssignment" or "op_Modulus";

    /// <summary>The innermost frame of Ember that threw, to find the bug quickly.</summary>
    private static string At(Exception e)
    {
        var frame = new StackTrace(e, false).GetFrames().FirstOrDefault(f => f.GetMethod()?.DeclaringType?.Namespace?.StartsWith("Ember") == true
            && f.GetMethod()?.DeclaringType?.Namespace?.StartsWith("Ember.Tests") != true);
        var m = frame?.GetMethod();
        return m is null ? "" : $" (at {m.DeclaringType?.Name}.{m.Name})";
    }

    /// <summary>Touches a result: every returned tensor is copied (small ones) and its element count read.</summary>
    private static void Use(object? result)
    {
        switch (result)
        {
            case Tensor t:
                if (t.Numel <= 1 << 20) _ = t.Clone();
                break;
            case Tensor?[] ts:
                foreach (var t in ts.Take(8)) Use(t);
                break;
            case IDisposable d when result is not Tensor:
                d.Dispose(); // a grad-mode scope: restore the thread's grad mode
                break;
            case System.Runtime.CompilerServices.ITuple tuple:
                for (int i = 0; i < tuple.Length; i++) Use(tuple[i]);
                break;
        }
    }
}
