using System.Net.Http.Headers;

namespace SecureAccess.Client;

/// Hand-written beside the generated client: the document declares the bearer and `X-Operator-Key`
/// schemes, but NSwag leaves sending them to the caller. A client made by <see cref="WithAccessToken"/>
/// or <see cref="WithOperatorKey"/> shares the HttpClient (its connections) and adds the header to
/// each of its calls; making one costs an object, so a caller can make one per user or per call.
public partial class SecureAccessClient
{
    private AuthenticationHeaderValue? _authorization;
    private string? _operatorKey;

    /// The header an operator's key goes in (API.md "Operators").
    public const string OperatorKeyHeader = "X-Operator-Key";

    /// Calls as the signed-in user of `accessToken` (API.md "Tokens": `Authorization: Bearer …`).
    public SecureAccessClient WithAccessToken(string accessToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(accessToken);
        return new SecureAccessClient(_httpClient) { _authorization = new AuthenticationHeaderValue("Bearer", accessToken), _operatorKey = _operatorKey };
    }

    /// Calls as an operator or assistor (admin and help-desk routes).
    public SecureAccessClient WithOperatorKey(string key)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        return new SecureAccessClient(_httpClient) { _authorization = _authorization, _operatorKey = key };
    }

    partial void PrepareRequest(HttpClient client, HttpRequestMessage request, string url)
    {
        if (_authorization is not null)
        {
            request.Headers.Authorization = _authorization;
        }

        if (_operatorKey is not null)
        {
            request.Headers.TryAddWithoutValidation(OperatorKeyHeader, _operatorKey);
        }
    }
}
