using SecureAccess.Common;

namespace SecureAccess.HelpDesk;

/// The registration grain, seen by the help desk (SA-19): a registration that starts with the
/// identity already checked by an assistor, the username fixed, and the activation letter queued.
/// The user finishes it online (`POST /api/v1/registrations/resume`, the letter code, then a phone or the app).
public interface IHelpDeskRegistration : IGrainWithGuidKey
{
    Task<Result<ExceptionLetter>> StartByException(ExceptionRegistrationStart start);
}
