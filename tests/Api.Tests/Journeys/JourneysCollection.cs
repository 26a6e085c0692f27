using SecureAccess.Api.Tests.HelpDesk;

namespace SecureAccess.Api.Tests.Journeys;

/// Issue 14's journeys on a host of their own: they move its clock by days (the letter) and use
/// fixture people (Edsger) and operator keys, so they share neither with the other collections.
[CollectionDefinition(Name)]
public sealed class JourneysCollection : ICollectionFixture<HelpDeskFactory>
{
    public const string Name = "journeys";
}
