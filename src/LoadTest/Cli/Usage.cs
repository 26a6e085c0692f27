namespace SecureAccess.LoadTest.Cli;

public static class Usage
{
    public const string Text = """
        Secure Access load test: multi-step flows over the REST API (API.md), nothing else.

        usage: dotnet run -c Release --project src/LoadTest -- <scenario> --target http://127.0.0.1:PORT [options]
               dotnet run -c Release --project src/LoadTest -- serve-baseline --port PORT [--duration 30m]
                 (only the bare endpoint of `baseline`, on 127.0.0.1:PORT, until --duration ends or it is stopped)

        scenarios
          signup     full registrations: email code, identity, credentials, phone + SMS code (or, with
                     --method app, activation letter + authenticator); codes read from the dev outbox.
                     Needs --identities; appends the users it creates to --users (default users.json).
          signin     password + security code for users of --users (SMS code from the outbox, or TOTP
                     computed here for app users). --method sms|app uses only users with that factor.
          mixed      ~72% sign-in, 17% sign-up, 2% wrong password, 2% wrong code, rest account reads
                     (--mix). Needs --users and/or --identities.
          attack     wrong passwords against usernames (--users, --usernames, --unknown N; default 10
                     unknown) and checks SA-10: attempts 1..T answer 401, attempt T+1 onward 423, even with
                     the right password. Exits non-zero on any violation. Locked accounts stay locked 24 h.
          baseline   the same driver against a bare Kestrel endpoint in this process (no --target needed),
                     or, with --target, against one that `serve-baseline` serves in another process.
          seed       bulk registration for later sign-in runs: signup's flow with no warmup, a 10 min cap,
                     one user per identity record (or --count N), 429 retried after Retry-After, users
                     file saved every 5 s.
          verify     the code check alone: --prepare N SMS challenges are opened first (not measured),
                     then each iteration verifies one with its right code (200 + token). Needs SMS users.
          locked     the locked-account reject: --usernames (or --unknown N, default 100) are locked
                     first (not measured), then wrong passwords to them must answer 423 account_locked.
          account    GET /api/v1/account: --prepare N users (default 100) sign in first (not measured),
                     then their tokens read the account round-robin. Needs --users.
          activate   one wrong-password sign-in for each of --count N new unknown usernames (401): puts
                     N user grains in memory, for memory-at-scale measurements.

        load
          -c, --concurrency N     closed loop: N iterations at a time (default 8)
          -r, --rate R            open loop: R iterations per second; latency counts from each intended
                                  start, so a server falling behind cannot hide it
          --max-in-flight N       open loop cap on iterations in flight (default 1000)
          -d, --duration D        measured time after warmup (default 30s; seed 10m). D: 500ms, 30s, 5m, 1h
          --warmup D              not measured (default 5s for signin, mixed, baseline; 0 otherwise)
          -n, --requests N        stop after N measured iterations (aliases --iterations, --count)
          --timeout D             per request (default 30s)
          --drain D               wait for iterations in flight at the end (default 10s)
          --allow-remote          permit a target outside loopback (127.0.0.0/8, localhost, ::1)

        data
          --identities FILE       identity records (format of shared/fixtures/identity-records.json)
          --users FILE            users file (default users.json for signup, seed, signin, mixed)
          --overwrite-users       signup/seed: start the users file afresh instead of appending
          --method sms|app        factor to enrol (signup/seed) or to use (signin/mixed)
          --app-route letter|phone  signup --method app: prove the address by letter (SA-7, default) or by SMS
          (a record's own mobilePhones are used when the file lists them, SA-7; the plan below only for files without)
          --phone-area-codes LIST  area codes for new numbers (default: 359 US geographic codes)
          --phone-exchange N      exchange (default 555)
          --phone-lines A-B       line range (default 0100-0199, the fictional 555 numbers)
          --phone-offset N        skip the first N numbers (a second batch against the same server)
          --username-prefix P     prefix of generated usernames (default lt)
          --mix SPEC              signin=72,signup=17,wrong-password=2,wrong-code=2[,account=N]
          --seed N                seed of the mixed scenario's draws
          --user-cooldown D       do not sign the same user in again within D (per-user SMS limits)
          --prepare N             verify: challenges to open first (default 1000); account: users to sign in first (default 100)
          --outbox-timeout D      how long to wait for a code in the dev outbox (default 5s)

        attack
          --threshold N           failures that lock (default 5: attempts 1..5 → 401, 6+ → 423)
          --extra-attempts N      wrong attempts after the lock (default 3)
          --usernames a,b         usernames to attack (passwords unknown)
          --unknown N             generated usernames no account has

        cpu
          --server-pid PID        the server's process on this machine: its CPU time over the measured
                                  window (cores busy, CPU ms per iteration) goes into the report

        output
          --out FILE              results as JSON
          --plot FILE             PNG: latency by percentile, latency and throughput over time
          --no-progress           no live progress line on stderr

        Exit code: 0 when nothing unexpected happened (the deliberate failures of mixed and attack are
        expected), 1 otherwise, 2 for a command line or configuration the tool refuses.
        """;
}
