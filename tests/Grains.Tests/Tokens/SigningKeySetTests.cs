using System.Security.Cryptography;
using SecureAccess.Audit;
using SecureAccess.Testing;
using SecureAccess.Tokens;

namespace SecureAccess.Grains.Tests.Tokens;

/// Issue 10: the cluster's signing keys. Each test uses a key set of its own (gateways use key 0).
[Collection(ClusterCollection.Name)]
public sealed class SigningKeySetTests(ClusterFixture fixture)
{
    private static readonly TimeSpan RotationInterval = TimeSpan.FromDays(30);  // SigningKeyOptions default
    private static readonly TimeSpan PublishedAfterRetirement = TimeSpan.FromMinutes(30) + TimeSpan.FromMinutes(5); // session lifetime + margin

    private ISigningKeySetGrain NewSet() => fixture.Client.GetGrain<ISigningKeySetGrain>(Random.Shared.NextInt64(1, long.MaxValue));

    [Fact]
    public async Task The_first_read_makes_a_current_and_a_next_key_and_the_private_key_matches_the_current_public_key()
    {
        var set = await NewSet().Get();
        Assert.NotEqual(set.CurrentKid, set.NextKid);
        Assert.Equal([SigningKeyStatus.Current, SigningKeyStatus.Next], set.Keys.Select(k => k.Status).Order());
        Assert.Equal(fixture.Clock.GetUtcNow(), set.CurrentSince);

        using var signer = ECDsa.Create();
        signer.ImportPkcs8PrivateKey(set.CurrentPrivateKey, out _);
        using var verifier = ECDsa.Create();
        verifier.ImportSubjectPublicKeyInfo(set.Keys.Single(k => k.Kid == set.CurrentKid).PublicKey, out _);
        var data = "payload"u8.ToArray();
        Assert.True(verifier.VerifyData(data, signer.SignData(data, HashAlgorithmName.SHA256), HashAlgorithmName.SHA256));
        Assert.Equal(set.CurrentKid, SigningKeyMaterial.Kid(verifier));
        Assert.DoesNotContain(Convert.ToBase64String(set.CurrentPrivateKey), set.ToString());
    }

    [Fact]
    public async Task Reads_give_the_same_keys_until_the_schedule_rotates_them_after_30_days()
    {
        var grain = NewSet();
        var first = await grain.Get();
        fixture.Clock.Advance(RotationInterval - TimeSpan.FromSeconds(1));
        var before = await grain.Get();
        Assert.Equal((first.CurrentKid, first.NextKid), (before.CurrentKid, before.NextKid));

        fixture.Clock.Advance(TimeSpan.FromSeconds(1));
        var after = await grain.Get();
        Assert.Equal(first.NextKid, after.CurrentKid);            // next was published ahead, now it signs
        Assert.DoesNotContain(after.NextKid, new[] { first.CurrentKid, first.NextKid });
        var retired = after.Keys.Single(k => k.Kid == first.CurrentKid);
        Assert.Equal(SigningKeyStatus.Retired, retired.Status);
        Assert.Equal(fixture.Clock.GetUtcNow() + PublishedAfterRetirement, retired.PublishedUntil);
        Assert.Equal(fixture.Clock.GetUtcNow(), after.CurrentSince);
        var trail = await fixture.Client.GetGrain<IAuditLogGrain>(SigningKeySetGrain.AuditSubject).List();
        Assert.Contains(trail, e => e.Event == SigningKeySetGrain.RotatedEvent && e.Detail.Contains("on schedule", StringComparison.Ordinal)
            && e.Detail.Contains(after.NextKid, StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_operator_rotation_retires_current_promotes_next_and_is_audited()
    {
        var grain = NewSet();
        var before = await grain.Get();
        var after = await grain.Rotate();
        Assert.Equal(before.NextKid, after.CurrentKid);
        Assert.True(after.Version > before.Version); // gateways keep the newer of two reads
        Assert.Equal(3, after.Keys.Count);
        Assert.Equal(SigningKeyStatus.Retired, after.Keys.Single(k => k.Kid == before.CurrentKid).Status);
        Assert.Equal((after.CurrentKid, after.NextKid), ((await grain.Get()).CurrentKid, (await grain.Get()).NextKid));

        var trail = await fixture.Client.GetGrain<IAuditLogGrain>(SigningKeySetGrain.AuditSubject).List();
        Assert.Contains(trail, e => e.Event == SigningKeySetGrain.RotatedEvent && e.Detail.Contains(after.NextKid, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_retired_key_is_published_until_its_tokens_have_expired_and_then_dropped()
    {
        var grain = NewSet();
        var retiredKid = (await grain.Get()).CurrentKid;
        await grain.Rotate();

        fixture.Clock.Advance(PublishedAfterRetirement - TimeSpan.FromSeconds(1));
        Assert.Contains((await grain.Get()).Keys, k => k.Kid == retiredKid);
        fixture.Clock.Advance(TimeSpan.FromSeconds(1));
        var later = await grain.Get();
        Assert.DoesNotContain(later.Keys, k => k.Kid == retiredKid);
        Assert.Equal(2, later.Keys.Count);
    }

    [Fact]
    public async Task Private_keys_are_sealed_at_rest()
    {
        var grain = NewSet();
        var set = await grain.Get();
        var rotated = await grain.Rotate();
        var stored = fixture.Storage.Find("signing-keys", grain.GetGrainId());
        var raw = fixture.Storage.RawPayload("signing-keys", grain.GetGrainId());
        Assert.NotNull(stored);
        Assert.NotNull(raw);
        Assert.Contains(set.CurrentKid, stored);
        foreach (var privateKey in new[] { set.CurrentPrivateKey, rotated.CurrentPrivateKey })
        {
            using var key = ECDsa.Create();
            key.ImportPkcs8PrivateKey(privateKey, out _);
            var d = key.ExportParameters(includePrivateParameters: true).D!;
            Assert.DoesNotContain(Convert.ToBase64String(privateKey), stored);
            Assert.DoesNotContain(Convert.ToBase64String(d), stored);
            Assert.DoesNotContain(Convert.ToHexString(d), stored, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain(string.Join(",", d), stored); // a byte array written as JSON numbers
            Assert.True(raw.AsSpan().IndexOf(d) < 0, "The private key is in the stored bytes.");
            Assert.True(raw.AsSpan().IndexOf(privateKey) < 0, "The PKCS#8 key is in the stored bytes.");
        }
    }
}
