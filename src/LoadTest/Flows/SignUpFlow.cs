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

        var started = await context.SendAsync($"{prefix}.start", ct => api.StartRegistrationAsync(email, ct), Expect.Status(201)).ConfigureAwait(false);
        var id = started.String("registrationId") ?? throw context.Fail($"{prefix}.start", "201 without registrationId");
        var step = started.String("step");

        for (var moves = 0; step != "complete"; moves++)
        {
            if (moves >= MostMoves)
            {
                throw context.Fail(prefix, $"registration not complete after {MostMoves} steps (last step '{step}')");
            }

            ApiResponse answer;
            switch (step)
            {
                case "confirm-email":
                    var mail = await services.Outbox.WaitForNewAsync(context, $"{prefix}.outbox", email, OutboxMessage.Email, null).ConfigureAwait(false);
                    answer = await context.SendAsync($"{prefix}.email-confirm", ct => api.ConfirmEmailAsync(id, mail.Code!, ct), Expect.Status(200)).ConfigureAwait(false);
                    break;

                case "verify-identity":
                    var submitted = await SubmitIdentityAsync(context, prefix, id, identity, account).ConfigureAwait(false);
                    if (submitted is null)
                    {
                        // Every record left was registered by an earlier batch: out of work, not a fault.
                        context.Flow = null;
                        return null;
                    }

                    (answer, identity) = submitted.Value;
                    break;

                case "choose-credentials":
                    (answer, username) = await ChooseCredentialsAsync(context, prefix, id, username, password).ConfigureAwait(false);
                    break;

                case "activate-phone" when Method == SecondFactor.App && services.Options.AppRoute == AppEnrolmentRoute.Letter:
                    answer = await context.SendAsync($"{prefix}.letter", ct => api.RequestActivationLetterAsync(id, ct), Expect.Status(202)).ConfigureAwait(false);
                    break;

                case "activate-phone":
                case "choose-second-factor" when Method == SecondFactor.Sms:
                    (answer, phone) = await AddPhoneAsync(context, prefix, id, identity).ConfigureAwait(false);
                    break;

                case "confirm-phone":
                    var sms = await services.Outbox.WaitForNewAsync(context, $"{prefix}.outbox", phone ?? throw context.Fail(prefix, "confirm-phone before a phone was given"), OutboxMessage.Sms, null).ConfigureAwait(false);
                    answer = await context.SendAsync($"{prefix}.phone-confirm", ct => api.ConfirmPhoneAsync(id, sms.Code!, ct), Expect.Status(200)).ConfigureAwait(false);
                    confirmedPhone = phone;
                    break;

                case "await-letter":
                    // Letters are addressed to the username (API.md, Development outbox).
                    var letter = await services.Outbox.WaitForNewAsync(context, $"{prefix}.outbox", username, OutboxMessage.Letter, null).ConfigureAwait(false);
                    answer = await context.SendAsync($"{prefix}.letter-confirm", ct => api.ConfirmActivationLetterAsync(id, letter.Code!, ct), Expect.Status(200)).ConfigureAwait(false);
                    break;

                case "choose-second-factor":
                    deviceId = NameFactory.NewDeviceId();
                    var device = deviceId;
                    answer = await context.SendAsync($"{prefix}.authenticator", ct => api.EnrolAuthenticatorAsync(id, device, ct), Expect.Status(201)).ConfigureAwait(false);
                    secret = answer.String("secret") ?? SecretFromUri(answer.String("otpauthUri"))
                             ?? throw context.Fail($"{prefix}.authenticator", "201 without secret or otpauthUri");
                    break;

                case "confirm-authenticator":
                    var totp = TotpGenerator.FromBase32(secret ?? throw context.Fail(prefix, "confirm-authenticator before a secret was issued"));
                    var now = TotpGenerator.StepAt(services.Clock.GetUtcNow());
                    answer = await context.SendAsync($"{prefix}.authenticator-confirm", ct => api.ConfirmAuthenticatorAsync(id, totp.CodeForStep(now), ct), Expect.Status(200)).ConfigureAwait(false);
                    totpStep = now;
                    break;

                default:
                    throw context.Fail(prefix, $"unknown registration step '{step}'");
            }

            step = answer.String("step");
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
    private async Task<(ApiResponse Answer, IdentityRecord Identity)?> SubmitIdentityAsync(
        IterationContext context, string prefix, string id, IdentityRecord identity, FinancialAccountRecord account)
    {
        while (true)
        {
            var record = identity;
            var chosen = account;
            var answer = await context.SendAsync($"{prefix}.identity", ct => services.Api.SubmitIdentityAsync(id, record, chosen, ct),
                Expect.Status(200).Or(409, "identity_already_registered")).ConfigureAwait(false);
            if (answer.Status == 200)
            {
                return (answer, record);
            }

            // SA-4d: an earlier batch registered this SSN; the next record, however many it takes
            // (each skip uses a record up for good, so the supply bounds this loop).
            if (!identities.TryTake(out identity, out account))
            {
                return null;
            }
        }
    }

    private async Task<(ApiResponse Answer, string Username)> ChooseCredentialsAsync(IterationContext context, string prefix, string id, string username, string password)
    {
        for (var attempt = 0; ; attempt++)
        {
            var name = username;
            var answer = await context.SendAsync($"{prefix}.credentials", ct => services.Api.ChooseCredentialsAsync(id, name, password, ct),
                Expect.Status(200).Or(409, "username_taken")).ConfigureAwait(false);
            if (answer.Status == 200)
            {
                return (answer, username);
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
    private async Task<(ApiResponse Answer, string Phone)> AddPhoneAsync(IterationContext context, string prefix, string id, IdentityRecord identity)
    {
        if (identity.MobilePhones is { } listed)
        {
            foreach (var candidate in listed)
            {
                var number = candidate;
                var answer = await context.SendAsync($"{prefix}.phone", ct => services.Api.AddPhoneAsync(id, number, ct),
                    Expect.Status(202).Or(409, "phone_in_use")).ConfigureAwait(false);
                if (answer.Status == 202)
                {
                    return (answer, number);
                }
            }

            throw context.Fail($"{prefix}.phone", $"every mobile number listed for identity …{IdentitySupply.Digits(identity.Ssn)[^4..]} is already in use (SA-5)");
        }

        for (var attempt = 0; ; attempt++)
        {
            var phone = phones.Next() ?? throw context.Fail($"{prefix}.phone", "the phone plan has no number left; widen --phone-lines or --phone-area-codes");
            var answer = await context.SendAsync($"{prefix}.phone", ct => services.Api.AddPhoneAsync(id, phone, ct),
                Expect.Status(202).Or(409, "phone_in_use")).ConfigureAwait(false);
            if (answer.Status == 202)
            {
                return (answer, phone);
            }

            // SA-5: an earlier batch holds this number; move along the plan (its size bounds this).
            if (attempt >= MostPhoneSkips)
            {
                throw context.Fail($"{prefix}.phone", $"{MostPhoneSkips} numbers in a row already in use; pass --phone-offset past the earlier batch");
            }
        }
    }

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
