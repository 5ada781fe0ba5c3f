/// Exit statuses of avitui (see avitui(1), EXIT STATUS).
enum ExitStatus: Int32 {
    case ok = 0
    /// The controller could not be reached, refused the login, or answered nonsense.
    case failure = 1
    /// Bad command line or configuration.
    case usage = 2
}
