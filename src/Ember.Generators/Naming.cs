using System.Text;

namespace Ember.Generators
{
    /// <summary>PyTorch-style names for C# members: <c>_fc1</c>, <c>fc1</c>, <c>Fc1</c> → <c>fc1</c>; <c>RunningMean</c> → <c>running_mean</c>.</summary>
    internal static class Naming
    {
        /// <summary>
        /// Drops leading underscores (and an <c>m_</c>/<c>s_</c> prefix), then writes camelCase/PascalCase as snake_case:
        /// an underscore goes before an upper-case letter that follows a lower-case letter or a digit, or that starts a
        /// new word after an acronym (<c>HTTPServer</c> → <c>http_server</c>).
        /// </summary>
        public static string ToPyTorchName(string member)
        {
            int start = 0;
            if (member.Length > 2 && (member[0] == 'm' || member[0] == 's') && member[1] == '_') start = 2;
            while (start < member.Length && member[start] == '_') start++;
            var s = member.Substring(start);
            var sb = new StringBuilder(s.Length + 4);
            for (int i = 0; i < s.Length; i++)
            {
                char c = s[i];
                if (char.IsUpper(c))
                {
                    if (i > 0 && s[i - 1] != '_')
                    {
                        char prev = s[i - 1];
                        bool nextLower = i + 1 < s.Length && char.IsLower(s[i + 1]);
                        if (char.IsLower(prev) || char.IsDigit(prev) || (char.IsUpper(prev) && nextLower)) sb.Append('_');
                    }
                    sb.Append(char.ToLowerInvariant(c));
                }
                else
                {
                    sb.Append(c);
                }
            }
            return sb.ToString();
        }
    }
}
