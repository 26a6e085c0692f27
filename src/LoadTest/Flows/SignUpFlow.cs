using System.Globalization;
using SecureAccess.Client;
using SecureAccess.LoadTest.Api;
using SecureAccess.LoadTest.Codes;
using SecureAccess.LoadTest.Data;
using SecureAccess.LoadTest.Load;

namespace SecureAccess.LoadTest.Flows;

/// A registration driven by the `step` the server names in each answer (API.md), so it follows
/// whichever path the server takes: email → identity → credentials → phone (SMS code) → complete,
/// or for `--method app` the activation letter (SA-7) and then the authenticator (SA-8).
internal sealed class SignUpFlow(RunServices services, IdentitySupply identities, PhoneAllocator phones)
{
    // The longest path has 9 steps; a loop beyond this is a server sending us in circles.
    private const int MostMoves = 16;
    private const int MostRetries = 10;
    private const int MostPhoneSkips = 1000;

    public SecondFactor Method => services.Options.Method ?? SecondFactor.Sms;

    /// The created user, or null when no identity record is left (before or during the registration).
    public async Task<UserAccount?> RegisterAsync(IterationContext context, string prefix)
    {
        if (!identities.TryTake(out var identity, out var account))
        {
            return null;
        }

        context.Flow = prefix;
        var api = services.Api;
        var username = services.Names.NextUsername();
        var email = NameFactory.EmailFor(username);
        var password = NameFactory.NewPassword();
        string? phone = null;
        string? confirmedPhone = null;
        string? secret = null;
        string? deviceId = null;
        long? totpStep = null;

        var started = await context.CallAsync($"{prefix}.start", ct => api.StartRegistrationAsync(new StartRegistrationRequest { Email = email }, ct), Expect.Status(201)).ConfigureAwait(false);
        var id = started.Body?.RegistrationId ?? throw context.Fail($"{prefix}.start", "201 without registrationId");
        var step = started.Body.Step;

        for (var moves = 0; step != "complete"; moves++)
        {
            if (moves >= MostMoves)
            {
                throw context.Fail(prefix, $"registration not complete after {MostMoves} steps (last step '{step}')");
            }

            string? next;
            switch (step)
            {
                case "confirm-email":
                    var mail = await services.Outbox.WaitForNewAsync(context, $"{prefix}.outbox", email, OutboxMessage.Email, null).ConfigureAwait(false);
                    next = (await context.CallAsync($"{prefix}.email-confirm", ct => api.ConfirmRegistrationEmailAsync(id, new CodeRequest { Code = mail.Code }, ct), Expect.Status(200)).ConfigureAwait(false)).Body?.Step;
                    break;

                case "verify-identity":
                    var submitted = await SubmitIdentityAsync(context, prefix, id, identity, account).ConfigureAwait(false);
                    if (submitted is null)
                    {
                        // Every record left was registered by an earlier batch: out of work, not a fault.
                        context.Flow = null;
                        return null;
                    }

                    (next, identity) = submitted.Value;
                    break;

                case "choose-credentials":
                    (next, username) = await ChooseCredentialsAsync(context, prefix, id, username, password).ConfigureAwait(false);
                    break;

                case "activate-phone" when Method == SecondFactor.App && services.Options.AppRoute == AppEnrolmentRoute.Letter:
                    next = (await context.CallAsync($"{prefix}.letter", ct => api.RequestActivationLetterAsync(id, ct), Expect.Status(202)).ConfigureAwait(false)).Body?.Step;
                    break;

                case "activate-phone":
                case "choose-second-factor" when Method == SecondFactor.Sms:
                    (next, phone) = await AddPhoneAsync(context, prefix, id, identity).ConfigureAwait(false);
                    break;

                case "confirm-phone":
                    var sms = await services.Outbox.WaitForNewAsync(context, $"{prefix}.outbox", phone ?? throw context.Fail(prefix, "confirm-phone before a phone was given"), OutboxMessage.Sms, null).ConfigureAwait(false);
                    next = (await context.CallAsync($"{prefix}.phone-confirm", ct => api.ConfirmRegistrationPhoneAsync(id, new CodeRequest { Code = sms.Code }, ct), Expect.Status(200)).ConfigureAwait(false)).Body?.Step;
                    confirmedPhone = phone;
                    break;

                case "await-letter":
                    // Letters are addressed to the username (API.md, Development outbox).
                    var letter = await services.Outbox.WaitForNewAsync(context, $"{prefix}.outbox", username, OutboxMessage.Letter, null).ConfigureAwait(false);
                    next = (await context.CallAsync($"{prefix}.letter-confirm", ct => api.ConfirmActivationLetterAsync(id, new CodeRequest { Code = letter.Code }, ct), Expect.Status(200)).ConfigureAwait(false)).Body?.Step;
                    break;

                case "choose-second-factor":
                    deviceId = NameFactory.NewDeviceId();
                    var device = deviceId;
                    var enrolled = (await context.CallAsync($"{prefix}.authenticator", ct => api.EnrollRegistrationAuthenticatorAsync(id, new DeviceRequest { DeviceId = device }, ct), Expect.Status(201)).ConfigureAwait(false)).Body;
                    secret = NonEmpty(enrolled?.Secret) ?? SecretFromUri(enrolled?.OtpauthUri)
                             ?? throw context.Fail($"{prefix}.authenticator", "201 without secret or otpauthUri");
                    next = enrolled?.Step;
                    break;

                case "confirm-authenticator":
                    var totp = TotpGenerator.FromBase32(secret ?? throw context.Fail(prefix, "confirm-authenticator before a secret was issued"));
                    var now = TotpGenerator.StepAt(services.Clock.GetUtcNow());
                    next = (await context.CallAsync($"{prefix}.authenticator-confirm", ct => api.ConfirmRegistrationAuthenticatorAsync(id, new CodeRequest { Code = totp.CodeForStep(now) }, ct), Expect.Status(200)).ConfigureAwait(false)).Body?.Step;
                    totpStep = now;
                    break;

                default:
                    throw context.Fail(prefix, $"unknown registration step '{step}'");
            }

            step = next;
        }

        if (Method == SecondFactor.App && secret is null)
        {
            throw context.Fail(prefix, "registration completed without offering the authenticator (no choose-second-factor step); " +
                                       "try --app-route letter, or --method sms");
        }

        return new UserAccount
        {
            Username = username,
            Password = password,
            Email = email,
            PhoneNumber = confirmedPhone,
            Method = secret is null ? SecondFactor.Sms : SecondFactor.App,
            TotpSecret = secret,
            DeviceId = secret is null ? null : deviceId,
            Ssn = identity.Ssn,
            LastTotpStep = totpStep,
            CreatedAt = services.Clock.GetUtcNow(),
        };
    }

    /// Null when the identity records ran out.
    private async Task<(string? Step, IdentityRecord Identity)?> SubmitIdentityAsync(
        IterationContext context, string prefix, Guid id, IdentityRecord identity, FinancialAccountRecord account)
    {
        while (true)
        {
            var record = identity;
            var chosen = account;
            var request = IdentityRequestFor(context, $"{prefix}.identity", record, chosen);
            var answer = await context.CallAsync($"{prefix}.identity", ct => services.Api.VerifyRegistrationIdentityAsync(id, request, ct),
                Expect.Status(200).Or(409, "identity_already_registered")).ConfigureAwait(false);
            if (answer.Status == 200)
            {
                return (answer.Body?.Step, record);
            }

            // SA-4d: an earlier batch registered this SSN; the next record, however many it takes
            // (each skip uses a record up for good, so the supply bounds this loop).
            if (!identities.TryTake(out identity, out account))
            {
                return null;
            }
        }
    }

    private async Task<(string? Step, string Username)> ChooseCredentialsAsync(IterationContext context, string prefix, Guid id, string username, string password)
    {
        for (var attempt = 0; ; attempt++)
        {
            var name = username;
            var answer = await context.CallAsync($"{prefix}.credentials",
                ct => services.Api.ChooseRegistrationCredentialsAsync(id, new CredentialsRequest { Username = name, Password = password }, ct),
                Expect.Status(200).Or(409, "username_taken")).ConfigureAwait(false);
            if (answer.Status == 200)
            {
                return (answer.Body?.Step, username);
            }

            if (attempt >= MostRetries)
            {
                throw context.Fail($"{prefix}.credentials", "no free username found");
            }

            username = services.Names.NextUsername();
        }
    }

    /// SA-7: a number the identity record ties to the person, the first one still free (SA-5); the
    /// phone plan only for a record from a file without `mobilePhones`.
    private async Task<(string? Step, string Phone)> AddPhoneAsync(IterationContext context, string prefix, Guid id, IdentityRecord identity)
    {
        if (identity.MobilePhones is { } listed)
        {
            foreach (var candidate in listed)
            {
                var number = candidate;
                var answer = await context.CallAsync($"{prefix}.phone", ct => services.Api.AddRegistrationPhoneAsync(id, new PhoneRequest { PhoneNumber = number }, ct),
                    Expect.Status(202).Or(409, "phone_in_use")).ConfigureAwait(false);
                if (answer.Status == 202)
                {
                    return (answer.Body?.Step, number);
                }
            }

            throw context.Fail($"{prefix}.phone", $"every mobile number listed for identity …{IdentitySupply.Digits(identity.Ssn)[^4..]} is already in use (SA-5)");
        }

        for (var attempt = 0; ; attempt++)
        {
            var phone = phones.Next() ?? throw context.Fail($"{prefix}.phone", "the phone plan has no number left; widen --phone-lines or --phone-area-codes");
            var answer = await context.CallAsync($"{prefix}.phone", ct => services.Api.AddRegistrationPhoneAsync(id, new PhoneRequest { PhoneNumber = phone }, ct),
                Expect.Status(202).Or(409, "phone_in_use")).ConfigureAwait(false);
            if (answer.Status == 202)
            {
                return (answer.Body?.Step, phone);
            }

            // SA-5: an earlier batch holds this number; move along the plan (its size bounds this).
            if (attempt >= MostPhoneSkips)
            {
                throw context.Fail($"{prefix}.phone", $"{MostPhoneSkips} numbers in a row already in use; pass --phone-offset past the earlier batch");
            }
        }
    }

    /// SA-4's request from a record of the identities file; the account number is sent, never kept.
    private static IdentityRequest IdentityRequestFor(IterationContext context, string step, IdentityRecord record, FinancialAccountRecord account) => new()
    {
        FirstName = record.FirstName,
        LastName = record.LastName,
        DateOfBirth = DateTimeOffset.TryParseExact(record.DateOfBirth, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var born)
            ? born
            : throw context.Fail(step, $"identity …{IdentitySupply.Digits(record.Ssn)[^4..]} has no yyyy-MM-dd dateOfBirth"),
        Ssn = record.Ssn,
        FilingStatus = record.FilingStatus,
        Address = new AddressBody
        {
            Line1 = record.Address.Line1,
            Line2 = string.IsNullOrWhiteSpace(record.Address.Line2) ? null : record.Address.Line2,
            City = record.Address.City,
            State = record.Address.State,
            Zip = record.Address.Zip,
        },
        FinancialAccount = new FinancialAccountBody { Type = account.Type, Number = account.Number },
    };

    private static string? NonEmpty(string? text) => string.IsNullOrEmpty(text) ? null : text;

    private static string? SecretFromUri(string? otpauthUri)
    {
        if (otpauthUri is null || !Uri.TryCreate(otpauthUri, UriKind.Absolute, out var uri))
        {
            return null;
        }

        foreach (var pair in uri.Query.TrimStart('?').Split('&'))
        {
            var parts = pair.Split('=', 2);
            if (parts.Length == 2 && parts[0].Equals("secret", StringComparison.OrdinalIgnoreCase))
            {
                return Uri.UnescapeDataString(parts[1]);
            }
        }

        return null;
    }
}
