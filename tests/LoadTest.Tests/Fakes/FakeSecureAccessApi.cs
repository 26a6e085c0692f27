using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using OtpNet;
using SecureAccess.LoadTest.Data;

namespace SecureAccess.LoadTest.Tests.Fakes;

/// An in-memory stand-in for the gateway that keeps to API.md closely enough to drive every
/// scenario: registration steps, the dev outbox, two-step sign-in with SMS or TOTP, account reads
/// and SA-10's lockout. Knobs let a test break one rule and see the tool notice.
internal sealed class FakeSecureAccessApi : HttpMessageHandler
{
    private readonly Lock gate = new();
    private readonly TimeProvider clock;
    private readonly Dictionary<string, IdentityRecord> identities;
    private readonly HashSet<string> registeredSsns = [];
    private readonly HashSet<string> phonesInUse = [];
    private readonly Dictionary<string, Registration> registrations = [];
    private readonly Dictionary<string, User> users = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, Failures> failures = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, Challenge> challenges = [];
    private readonly Dictionary<string, string> tokens = [];
    private readonly Dictionary<string, List<JsonObject>> outbox = new(StringComparer.OrdinalIgnoreCase);
    private int sequence;

    public FakeSecureAccessApi(TimeProvider clock, IEnumerable<IdentityRecord> identities)
    {
        this.clock = clock;
        this.identities = identities.ToDictionary(i => IdentitySupply.Digits(i.Ssn));
    }

    /// SA-10: wrong attempts that lock. A test may set it apart from the tool's `--threshold`.
    public int LockAfter { get; set; } = 5;

    /// Issue 11's damper: distinct usernames this (single) client may fail; past it a new username
    /// answers 429 + Retry-After before its attempt counts. Null: no damper.
    public int? FailedUsernamesPerSource { get; set; }

    private readonly HashSet<string> failedUsernames = [];

    /// Break SA-10: a locked user who gives the right password gets in anyway.
    public bool LockIgnoresRightPassword { get; set; }

    /// Answer 500 to every verify, to see unexpected errors counted.
    public bool FailVerify { get; set; }

    /// Offer the authenticator after the SMS activation (`choose-second-factor`) instead of completing.
    public bool OfferAppAfterPhone { get; set; }

    public int Requests { get; private set; }

    public IReadOnlyCollection<string> Usernames
    {
        get
        {
            lock (gate)
            {
                return users.Keys.ToList();
            }
        }
    }

    public bool IsLocked(string username)
    {
        lock (gate)
        {
            return failures.TryGetValue(username, out var f) && f.LockedUntil > clock.GetUtcNow();
        }
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var body = request.Content is null ? null : JsonNode.Parse(await request.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false) is { Length: > 0 } text ? text : "{}") as JsonObject;
        lock (gate)
        {
            Requests++;
            return Route(request, body ?? []);
        }
    }

    private HttpResponseMessage Route(HttpRequestMessage request, JsonObject body)
    {
        var path = request.RequestUri!.AbsolutePath.TrimEnd('/');
        var parts = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        var method = request.Method.Method;

        if (method == "GET" && path == "/api/v1/dev/outbox")
        {
            var to = Uri.UnescapeDataString(request.RequestUri.Query.Split("to=", 2)[1]);
            return Json(200, new JsonArray(outbox.GetValueOrDefault(to, []).Select(m => (JsonNode)m.DeepClone()).ToArray()));
        }

        if (method == "GET" && path == "/api/v1/account")
        {
            var token = request.Headers.Authorization?.Parameter;
            return token is not null && tokens.TryGetValue(token, out var who)
                ? Json(200, new JsonObject { ["username"] = who, ["status"] = "active" })
                : Problem(401, "unauthorized");
        }

        if (method == "POST" && path == "/api/v1/registrations")
        {
            var id = Next("reg");
            var registration = new Registration { Email = (string)body["email"]!, Step = "confirm-email" };
            registrations[id] = registration;
            registration.Code = Send(registration.Email, "email");
            return Json(201, new JsonObject { ["registrationId"] = id, ["step"] = registration.Step, ["expiresAt"] = clock.GetUtcNow().AddMinutes(15) });
        }

        if (method == "POST" && parts is ["api", "v1", "registrations", var regId, .. var rest] && registrations.TryGetValue(regId, out var reg))
        {
            return Register(reg, string.Join('/', rest), body);
        }

        if (method == "POST" && path == "/api/v1/sessions")
        {
            return SignIn((string)body["username"]!, (string)body["password"]!);
        }

        if (method == "POST" && parts is ["api", "v1", "sessions", var challengeId, "verify"])
        {
            return Verify(challengeId, (string?)body["code"] ?? "");
        }

        return Problem(404, "not_found");
    }

    private HttpResponseMessage Register(Registration reg, string action, JsonObject body)
    {
        switch (action)
        {
            case "email/confirm" when reg.Step == "confirm-email":
                if ((string?)body["code"] != reg.Code)
                {
                    return Problem(401, "invalid_code");
                }

                return Step(reg, "verify-identity");

            case "identity" when reg.Step == "verify-identity":
                var ssn = IdentitySupply.Digits((string?)body["ssn"] ?? "");
                if (!identities.TryGetValue(ssn, out var record) || (string?)body["lastName"] != record.LastName)
                {
                    return Problem(422, "identity_not_verified");
                }

                if (record.CreditFreeze)
                {
                    return Problem(422, "credit_freeze");
                }

                var account = body["financialAccount"]!.AsObject();
                var matching = record.FinancialAccounts.FirstOrDefault(a => a.Type == (string?)account["type"] && a.Number == (string?)account["number"]);
                if (matching is null || (matching.Type == "credit_card" && (matching.Kind != "personal" || matching.Network == "amex")))
                {
                    return Problem(422, "card_not_accepted");
                }

                if (!registeredSsns.Add(ssn))
                {
                    return Problem(409, "identity_already_registered");
                }

                reg.Identity = record;
                return Step(reg, "choose-credentials");

            case "credentials" when reg.Step == "choose-credentials":
                var username = (string)body["username"]!;
                if (users.ContainsKey(username) || registrations.Values.Any(r => r.Username == username))
                {
                    return Problem(409, "username_taken");
                }

                reg.Username = username;
                reg.Password = (string)body["password"]!;
                return Step(reg, "activate-phone");

            case "phone" when reg.Step is "activate-phone" or "choose-second-factor":
                var phone = (string)body["phoneNumber"]!;
                if (!phone.StartsWith("+1", StringComparison.Ordinal) || phone.Length != 12)
                {
                    return Problem(400, "invalid_phone");
                }

                if (reg.Identity?.MobilePhones is { } listed && !listed.Contains(phone))
                {
                    return Problem(422, "phone_not_associated"); // SA-7
                }

                if (!phonesInUse.Add(phone))
                {
                    return Problem(409, "phone_in_use");
                }

                reg.Phone = phone;
                reg.Code = Send(phone, "sms");
                return Step(reg, "confirm-phone", 202);

            case "phone/confirm" when reg.Step == "confirm-phone":
                if ((string?)body["code"] != reg.Code)
                {
                    return Problem(401, "invalid_code");
                }

                return OfferAppAfterPhone ? Step(reg, "choose-second-factor") : Complete(reg);

            case "activation-letter" when reg.Step == "activate-phone":
                reg.Code = Send(reg.Username!, "letter");
                return Step(reg, "await-letter", 202);

            case "activation-letter/confirm" when reg.Step == "await-letter":
                if ((string?)body["code"] != reg.Code)
                {
                    return Problem(401, "invalid_code");
                }

                return Step(reg, "choose-second-factor");

            case "authenticator" when reg.Step == "choose-second-factor":
                reg.Secret = Base32Encoding.ToString(Guid.NewGuid().ToByteArray().Concat(Guid.NewGuid().ToByteArray()).Take(20).ToArray());
                reg.Step = "confirm-authenticator";
                return Json(201, new JsonObject
                {
                    ["step"] = reg.Step,
                    ["secret"] = reg.Secret,
                    ["otpauthUri"] = $"otpauth://totp/SecureAccess:{reg.Username}?secret={reg.Secret}&issuer=SecureAccess",
                });

            case "authenticator/confirm" when reg.Step == "confirm-authenticator":
                var user = new User { Username = reg.Username!, Password = reg.Password!, Phone = reg.Phone, Secret = reg.Secret };
                if (!AcceptTotp(user, (string?)body["code"] ?? ""))
                {
                    return Problem(401, "invalid_code");
                }

                return Complete(reg, user);

            default:
                return Problem(409, "wrong_step");
        }
    }

    private HttpResponseMessage Complete(Registration reg, User? user = null)
    {
        user ??= new User { Username = reg.Username!, Password = reg.Password!, Phone = reg.Phone, Secret = reg.Secret };
        users[user.Username] = user;
        return Step(reg, "complete");
    }

    private HttpResponseMessage SignIn(string username, string password)
    {
        var now = clock.GetUtcNow();
        var state = failures.TryGetValue(username, out var f) ? f : failures[username] = new Failures();
        users.TryGetValue(username, out var user);
        var right = user is not null && user.Password == password;
        if (state.LockedUntil > now && !(right && LockIgnoresRightPassword))
        {
            var locked = Problem(423, "account_locked", new JsonObject { ["lockedUntil"] = state.LockedUntil });
            locked.Headers.RetryAfter = new System.Net.Http.Headers.RetryConditionHeaderValue(state.LockedUntil - now);
            return locked;
        }

        if (FailedUsernamesPerSource is { } limit && !failedUsernames.Contains(username) && failedUsernames.Count >= limit)
        {
            var refused = Problem(429, "too_many_requests");
            refused.Headers.RetryAfter = new System.Net.Http.Headers.RetryConditionHeaderValue(TimeSpan.FromHours(1));
            return refused;
        }

        if (!right)
        {
            failedUsernames.Add(username);
            Fail(state, now);
            return Problem(401, "invalid_credentials");
        }

        var id = Next("chl");
        var challenge = new Challenge { Username = username, Method = user!.Secret is null ? "sms" : "app" };
        if (challenge.Method == "sms")
        {
            challenge.Code = Send(user.Phone!, "sms");
        }

        challenges[id] = challenge;
        return Json(200, new JsonObject { ["challengeId"] = id, ["method"] = challenge.Method, ["expiresAt"] = now.AddMinutes(10), ["passwordChangeRequired"] = false });
    }

    private HttpResponseMessage Verify(string challengeId, string code)
    {
        if (FailVerify)
        {
            return new HttpResponseMessage(HttpStatusCode.InternalServerError);
        }

        if (!challenges.Remove(challengeId, out var challenge))
        {
            return Problem(404, "not_found");
        }

        var user = users[challenge.Username];
        var ok = challenge.Method == "sms" ? code == challenge.Code : AcceptTotp(user, code);
        var state = failures[user.Username];
        if (!ok)
        {
            Fail(state, clock.GetUtcNow());
            return Problem(401, "invalid_code");
        }

        state.Count = 0;
        var token = Next("tok");
        tokens[token] = user.Username;
        return Json(200, new JsonObject { ["accessToken"] = token, ["tokenType"] = "Bearer", ["expiresIn"] = 900 });
    }

    private void Fail(Failures state, DateTimeOffset now)
    {
        if (++state.Count >= LockAfter)
        {
            state.LockedUntil = now.AddHours(24);
        }
    }

    /// RFC 6238 with the current and previous step, refusing a step at or before the last accepted one.
    private bool AcceptTotp(User user, string code)
    {
        var totp = new Totp(Base32Encoding.ToBytes(user.Secret!));
        var step = clock.GetUtcNow().ToUnixTimeSeconds() / 30;
        foreach (var candidate in new[] { step, step - 1 })
        {
            if (candidate > user.LastStep && totp.ComputeTotp(DateTimeOffset.FromUnixTimeSeconds(candidate * 30).UtcDateTime) == code)
            {
                user.LastStep = candidate;
                return true;
            }
        }

        return false;
    }

    private string Send(string to, string channel)
    {
        var code = channel == "letter"
            ? Guid.NewGuid().ToString("N")[..10].ToUpperInvariant()
            : Random.Shared.Next(0, 1_000_000).ToString("000000", CultureInfo.InvariantCulture);
        if (!outbox.TryGetValue(to, out var messages))
        {
            outbox[to] = messages = [];
        }

        messages.Add(new JsonObject
        {
            ["channel"] = channel,
            ["to"] = to,
            ["subject"] = "code",
            ["body"] = $"Your code is {code} ({Next("msg")})",
            ["code"] = code,
            ["sentAt"] = clock.GetUtcNow(),
        });
        return code;
    }

    private HttpResponseMessage Step(Registration reg, string step, int status = 200)
    {
        reg.Step = step;
        return Json(status, new JsonObject { ["step"] = step });
    }

    /// Ids are GUIDs, as the contract declares them (the generated client takes `Guid` path parameters).
    private string Next(string prefix)
    {
        _ = prefix;
        Span<byte> bytes = stackalloc byte[16];
        BitConverter.TryWriteBytes(bytes, ++sequence);
        return new Guid(bytes).ToString();
    }

    private static HttpResponseMessage Json(int status, JsonNode body) => new((HttpStatusCode)status)
    {
        Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json"),
    };

    private static HttpResponseMessage Problem(int status, string code, JsonObject? extra = null)
    {
        var body = new JsonObject { ["type"] = $"https://errors.secureaccess.dev/{code}", ["title"] = code, ["status"] = status, ["code"] = code };
        foreach (var (key, value) in extra ?? [])
        {
            body[key] = value?.DeepClone();
        }

        return new HttpResponseMessage((HttpStatusCode)status)
        {
            Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/problem+json"),
        };
    }

    private sealed class Registration
    {
        public string Email { get; set; } = "";

        public string Step { get; set; } = "";

        public string? Code { get; set; }

        public string? Username { get; set; }

        public string? Password { get; set; }

        public string? Phone { get; set; }

        public string? Secret { get; set; }

        public IdentityRecord? Identity { get; set; }
    }

    private sealed class User
    {
        public string Username { get; set; } = "";

        public string Password { get; set; } = "";

        public string? Phone { get; set; }

        public string? Secret { get; set; }

        public long LastStep { get; set; } = long.MinValue;
    }

    private sealed class Failures
    {
        public int Count { get; set; }

        public DateTimeOffset LockedUntil { get; set; } = DateTimeOffset.MinValue;
    }

    private sealed class Challenge
    {
        public string Username { get; set; } = "";

        public string Method { get; set; } = "";

        public string? Code { get; set; }
    }
}
