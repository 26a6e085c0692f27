using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using SecureAccess.Audit;
using SecureAccess.Import;

namespace SecureAccess.HelpDesk;

public static class HelpDeskServices
{
    /// What the import, the help desk and the audit trail need from DI (SA-17..SA-21, audit).
    public static IServiceCollection AddSecureAccessHelpDesk(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<AuditOptions>(configuration.GetSection(AuditOptions.Section));
        services.Configure<ImportOptions>(configuration.GetSection(ImportOptions.Section));
        services.AddSingleton<IAuditTrail, AuditTrail>();
        services.AddSingleton<ExistingAccountRules>();
        return services;
    }
}
