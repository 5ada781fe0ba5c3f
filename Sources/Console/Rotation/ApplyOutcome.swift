import AviAPI
import Foundation

/// An object the rotation created on the controller.
public struct CreatedObject: Sendable, Codable, Equatable {
    public let name: String
    public let uuid: String
}

/// What step 6 did, told as what is true on the controller afterwards.
public struct ApplyOutcome: Sendable {
    public enum Result: Sendable, Equatable {
        /// The controller accepted the PUT.
        case applied
        /// The connection was lost during the PUT; reading back shows the change is in place.
        case reconciledApplied(detail: String)
        /// The connection was lost during the PUT; reading back shows nothing changed.
        case reconciledNotApplied(detail: String)
        /// The connection was lost and the read-back shows neither state (or could not be made).
        case reconciledUnknown(detail: String)
        /// 412: someone changed the configuration since it was read; nothing was overwritten.
        case concurrentModification
        /// The controller refused the change; its own message.
        case refusedByController(message: String)
        /// Stopped before the configuration was written (the PUT was never sent).
        case stoppedBeforeChange(reason: String)
    }

    public let result: Result
    public let createdObjects: [CreatedObject]
    /// The ref written (or that would have been written).
    public let newRef: String?
    /// The configuration after the PUT (its reply, or the read-back).
    public let configurationAfter: SystemConfiguration?
    /// `System-Default-Secure-Channel-Cert` exactly as read just before the first write.
    public let defaultBaseline: Data?
    public let writesSent: Int
    public let finishedAt: Date
    /// How many times the configuration PUT left the process (0 when it was never sent; 2 when the
    /// session re-sent it after a 401 and a new login). The summary says so.
    public var putSends = 0

    public init(result: Result, createdObjects: [CreatedObject], newRef: String?, configurationAfter: SystemConfiguration?,
                defaultBaseline: Data?, writesSent: Int, finishedAt: Date, putSends: Int = 0) {
        self.result = result
        self.createdObjects = createdObjects
        self.newRef = newRef
        self.configurationAfter = configurationAfter
        self.defaultBaseline = defaultBaseline
        self.writesSent = writesSent
        self.finishedAt = finishedAt
        self.putSends = putSends
    }

    /// True words about re-sends: what left the process, and why a re-send was harmless.
    public var sendsNote: String {
        switch putSends {
        case 0: return "The PUT did not leave avitui."
        case 1: return "avitui sent the PUT once and did not send it again."
        default:
            return "The PUT was sent \(putSends) times: the session re-sent it after the controller answered 401 and avitui logged in again (harmless: every copy carried the same _last_modified, so at most one could apply)."
        }
    }

    public var anyWriteSent: Bool { writesSent > 0 }

    /// Whether the secure channel may now point elsewhere, so verification must run.
    public var configurationMayHaveChanged: Bool {
        switch result {
        case .applied, .reconciledApplied, .reconciledUnknown: return true
        default: return false
        }
    }

    public var succeeded: Bool {
        switch result {
        case .applied, .reconciledApplied: return true
        default: return false
        }
    }

    /// A short machine word for the audit log.
    public var code: String {
        switch result {
        case .applied: return "applied"
        case .reconciledApplied: return "applied_after_reconcile"
        case .reconciledNotApplied: return "not_applied_after_reconcile"
        case .reconciledUnknown: return "unknown_after_reconcile"
        case .concurrentModification: return "stopped_concurrent_change"
        case .refusedByController: return "refused_by_controller"
        case .stoppedBeforeChange: return "stopped_before_change"
        }
    }

    /// One or two sentences for the operator.
    public var summary: String {
        let created = createdObjects.isEmpty ? "" :
            " Created: \(createdObjects.map(\.name).joined(separator: ", ")) (unused by the secure channel unless stated above; delete it or use it with --to)."
        switch result {
        case .applied:
            return "The controller accepted the change." + (putSends > 1 ? " " + sendsNote : "")
        case let .reconciledApplied(detail):
            return "The answer to the change was lost or an error; reading the configuration back shows it is in place (\(detail)). " + sendsNote
        case let .reconciledNotApplied(detail):
            return "The answer to the change was lost or an error; reading the configuration back shows it was NOT applied (\(detail)). " + sendsNote + created
        case let .reconciledUnknown(detail):
            return "The answer to the change was lost or an error and the outcome is not certain: \(detail). " + sendsNote + " Check with `avitui status` before doing anything else." + created
        case .concurrentModification:
            return "Someone changed the system configuration since it was read (412): nothing was overwritten and the secure channel was not changed. Run the rotation again to see the new state." + created
        case let .refusedByController(message):
            return "The controller refused the change: \(message). The secure channel was not changed." + created
        case let .stoppedBeforeChange(reason):
            return "Stopped before the configuration was written: \(reason)." + created
        }
    }
}
