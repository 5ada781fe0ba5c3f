import AviAPI
import Console
import Foundation

/// What came of a password typed into the login-refused screen.
public enum PasswordOutcome: Hashable, Sendable {
    /// The controller took it: the session is logged in again and refreshing resumes.
    case accepted
    /// The controller refused it too (one refused login; it is never sent again).
    case refused
    /// Not sent: the controller refused this very password before.
    case notSent
    /// The login did not finish for another reason (e.g. unreachable): the password is kept
    /// and the refreshers log in with it when the controller answers.
    case failed(String)
}

/// Where the console learns that the controller refused the password, and hands it a new
/// one. Both closures must not block: `refusal` is a lock and a copy, `submit` starts a task.
public struct PasswordHost {
    /// Why nothing is sent now (the controller refused the password), or nil.
    public var refusal: () -> AviError?
    /// Gives `password` to the session, logs in with it and calls `done` once, from any thread.
    public var submit: (String, @escaping @Sendable (PasswordOutcome) -> Void) -> Void

    public init(refusal: @escaping () -> AviError?, submit: @escaping (String, @escaping @Sendable (PasswordOutcome) -> Void) -> Void) {
        self.refusal = refusal
        self.submit = submit
    }

    /// The console's own: the session's refusal; a new password goes to `usePassword`, one
    /// login (`connect`) checks it, and on success every resource is read at once.
    public static func session(of client: AviClient, refresher: Refresher) -> PasswordHost {
        PasswordHost(
            refusal: { client.session.credentialRefusalNow },
            submit: { password, done in
                Task {
                    do { try await client.session.usePassword(password) } catch {
                        done(.notSent)
                        return
                    }
                    do {
                        try await client.session.connect()
                        await refresher.refreshNow()
                        done(.accepted)
                    } catch let error as AviError where error.isCredentialRefusal {
                        done(.refused)
                    } catch {
                        // The refusal is cleared: the refreshers log in with this password when they can.
                        await refresher.refreshNow()
                        done(.failed((error as? AviError)?.description ?? "\(error)"))
                    }
                }
            })
    }
}

/// The password being typed on the login-refused screen. The text is never shown (only
/// one `*` per character), logged or described.
public struct PasswordEntry: Hashable, Sendable, CustomStringConvertible, CustomReflectable {
    public var text = ""
    /// Sent, waiting for the login's answer: keys other than Esc are ignored.
    public var checking = false
    /// What went wrong with the last password typed, if anything.
    public var problem: String?

    public init(problem: String? = nil) { self.problem = problem }

    public var description: String { "PasswordEntry(\(text.count) characters\(checking ? ", checking" : ""))" }
    public var customMirror: Mirror { Mirror(self, children: ["characters": text.count, "checking": checking]) }
}
