using SecureAccess.Audit;
using SecureAccess.Common;
using SecureAccess.HelpDesk;
using SecureAccess.Import;

namespace SecureAccess.Users;

/// SA-21: operators grant and revoke e-Services products for any user — imported, registering or
/// registered, new employees included. Access itself is still decided at each use (CheckProductAccess).
public sealed partial class UserGrain
{
    public async Task<Result<Done>> GrantProduct(string product)
    {
        if (ProductRefusal(product) is { } refused) return refused;
        if (User.Products.Contains(product)) return Done.Instance; // already held: nothing changes, nothing to record
        User.Products.Add(product);
        await state.WriteStateAsync();
        await audit.Record(Username, AuditEvents.ProductGranted, $"product '{product}' granted by an operator (SA-21)");
        return Done.Instance;
    }

    public async Task<Result<Done>> RevokeProduct(string product)
    {
        if (ProductRefusal(product) is { } refused) return refused;
        if (!User.Products.Remove(product)) return Done.Instance;
        await state.WriteStateAsync();
        await audit.Record(Username, AuditEvents.ProductRevoked, $"product '{product}' revoked by an operator (SA-21); sessions can no longer open it");
        return Done.Instance;
    }

    /// Only accounts that can sign in now or later hold products; a merged-away or unknown name does not.
    private Failure? ProductRefusal(string product)
    {
        if (!EServicesProducts.All.Contains(product))
            return new Failure(ErrorCodes.NotFound, $"No such product; the products are {string.Join(", ", EServicesProducts.All)}.");
        return User.Status is UserStatus.Active or UserStatus.Pending or UserStatus.Imported ? null : Failure.NotFound("user");
    }

    public async Task<Result<ProductAccess>> CheckProductAccess(Guid sessionId, string product)
    {
        var fullSession = User.Sessions.TryGetValue(sessionId, out var session) && clock.GetUtcNow() < session.ExpiresAt && !session.PasswordChangeRequired;
        if (User.Status == UserStatus.Active && fullSession && User.Products.Contains(product))
        {
            await audit.Record(Username, AuditEvents.ProductAccessGranted, $"session opened {product}");
            return new ProductAccess(product, Username);
        }
        await audit.Record(Username, AuditEvents.ProductAccessRefused, $"session refused for {product}");
        return new Failure(ErrorCodes.Forbidden, $"This account may not use {product}: it needs a registered Secure Access account that holds the product (SA-21).");
    }
}
