using System.Net.Http.Headers;

namespace SecureAccess.Client;

/// Hand-written beside the generated client: the document declares the bearer and `X-Operator-Key`
/// schemes, but NSwag leaves sending them to the caller. A client made by <see cref="WithAccessToken"/>
/// or <see cref="WithOperatorKey"/> shares the HttpClient (its connections) and adds the header to
/// each of its calls; making one costs an object, so a caller can make one per user or per call.
public partial class SecureAccessClient
{
    private AuthenticationHeaderValue? authorization;
    private string? operatorKey;

    /// The header an operator's key goes in (API.md "Operators").
    public const string OperatorKeyHeader = "X-Operator-Key";

    /// Calls as the signed-in user of `accessToken` (API.md "Tokens": `Authorization: Bearer …`).
    public SecureAccessClient WithAccessToken(string accessToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(accessToken);
        return new SecureAccessClient(_httpClient) { authorization = new AuthenticationHeaderValue("Bearer", accessToken), operatorKey = operatorKey };
    }

    /// Calls as an operator or assistor (admin and help-desk routes).
    public SecureAccessClient WithOperatorKey(string key)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        return new SecureAccessClient(_httpClient) { authorization = authorization, operatorKey = key };
    }

    partial void PrepareRequest(HttpClient client, HttpRequestMessage request, string url)
    {
        if (authorization is not null)
        {
            request.Headers.Authorization = authorization;
        }

        if (operatorKey is not null)
        {
            request.Headers.TryAddWithoutValidation(OperatorKeyHeader, operatorKey);
        }
    }
}
