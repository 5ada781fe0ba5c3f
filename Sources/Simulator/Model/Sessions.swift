import Foundation

/// Logged-in sessions: sliding idle expiry and an absolute lifetime.
struct SessionTable {
    struct Session {
        let id: String
        let csrfToken: String
        let username: String
        let readOnly: Bool
        let created: Date
        var lastUsed: Date
    }

    enum Lookup {
        case valid(Session)
        case expired
        case missing
    }

    private(set) var sessions: [String: Session] = [:]
    var idleTimeout: TimeInterval
    var absoluteLifetime: TimeInterval = 24 * 3600

    init(idleTimeout: TimeInterval) { self.idleTimeout = idleTimeout }

    mutating func create(username: String, readOnly: Bool, now: Date) -> Session {
        let session = Session(
            id: SecretGenerator.token(length: 32),
            csrfToken: SecretGenerator.token(length: 32),
            username: username,
            readOnly: readOnly,
            created: now,
            lastUsed: now
        )
        sessions[session.id] = session
        return session
    }

    /// Looks a session up and, if still valid, slides its idle expiry.
    mutating func use(id: String, now: Date) -> Lookup {
        guard var session = sessions[id] else { return .missing }
        if now.timeIntervalSince(session.lastUsed) > idleTimeout
            || now.timeIntervalSince(session.created) > absoluteLifetime {
            sessions[id] = nil
            return .expired
        }
        session.lastUsed = now
        sessions[id] = session
        return .valid(session)
    }

    mutating func remove(id: String) { sessions[id] = nil }

    mutating func removeAll() { sessions.removeAll() }
}
