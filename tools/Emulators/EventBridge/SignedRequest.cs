namespace LambdaWorkflow.Emulators;

/// <summary>An HTTP request as a SigV4 verifier sees it: exactly what arrived on the wire, nothing interpreted yet.</summary>
/// <param name="Method">The HTTP method, such as <c>POST</c>.</param>
/// <param name="Path">The path as sent, percent-encoding and all, such as <c>/</c>.</param>
/// <param name="Query">The query string as sent, without the <c>?</c>; empty for none.</param>
/// <param name="Headers">Every header in arrival order; a name may repeat.</param>
/// <param name="Body">The body.</param>
internal sealed record SignedRequest(
    string Method,
    string Path,
    string Query,
    IReadOnlyList<KeyValuePair<string, string>> Headers,
    byte[] Body)
{
    /// <summary>The values of every header of that name, in arrival order.</summary>
    public IEnumerable<string> HeaderValues(string name) =>
        Headers.Where(h => string.Equals(h.Key, name, StringComparison.OrdinalIgnoreCase)).Select(h => h.Value);

    /// <summary>The first value of the header, or null.</summary>
    public string? Header(string name) => HeaderValues(name).FirstOrDefault();

    /// <summary>
    /// Reads a request in the AWS test suite's <c>.req</c> form: a request line, <c>Name:value</c> header lines (a line
    /// starting with whitespace continues the previous value), a blank line, the body.
    /// </summary>
    public static SignedRequest ParseTestSuiteRequest(string text)
    {
        var lines = text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        var requestLine = lines[0];
        var method = requestLine[..requestLine.IndexOf(' ', StringComparison.Ordinal)];
        var target = requestLine[(method.Length + 1)..requestLine.LastIndexOf(" HTTP/", StringComparison.Ordinal)];
        var question = target.IndexOf('?', StringComparison.Ordinal);
        var path = question < 0 ? target : target[..question];
        var query = question < 0 ? string.Empty : target[(question + 1)..];

        var headers = new List<KeyValuePair<string, string>>();
        var index = 1;
        for (; index < lines.Length && lines[index].Length > 0; index++)
        {
            var line = lines[index];
            if (char.IsWhiteSpace(line[0]) && headers.Count > 0)
            {
                var last = headers[^1];
                headers[^1] = new(last.Key, last.Value + "," + line.Trim());
                continue;
            }

            var colon = line.IndexOf(':', StringComparison.Ordinal);
            headers.Add(new(line[..colon], line[(colon + 1)..]));
        }

        var body = index + 1 < lines.Length ? string.Join('\n', lines[(index + 1)..]) : string.Empty;
        return new SignedRequest(method, path, query, headers, System.Text.Encoding.UTF8.GetBytes(body));
    }
}
