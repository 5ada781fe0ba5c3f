import AviAPI
import Console
import Foundation

/// One frame of the console, as a pure function of the UI state and the
/// view context: header (and the INSECURE banner), tabs, the screen's body,
/// overlays, and the status line. Returns what the tables showed, for `update`.
public enum ConsoleView {
    /// Draws everything; the events it returns go to `update`.
    @discardableResult
    public static func render(state: UIState, context: ViewContext, wizard: WizardHost? = nil, into canvas: inout Canvas) -> [UIEvent] {
        let styles = context.styles
        canvas.fill(canvas.bounds, style: styles[.normal])
        var area = canvas.bounds
        let connection = context.snapshot.connection
        if connection.insecure {
            let banner = " INSECURE: the certificate of \(hostName(connection.controller)) is NOT verified (--insecure) — use --ca-file or --pin "
            canvas.fill(area.top(1), style: styles[.badgeInsecure])
            canvas.draw(banner, in: area.top(1), style: styles[.badgeInsecure], alignment: .center)
            area = area.droppingTop(1)
        }
        header(state: state, context: context, width: area.width).render(into: &canvas, area: area.top(1), styles: styles)
        area = area.droppingTop(1)
        TabBar(titles: ScreenID.allCases.map { area.width >= 100 ? $0.title : $0.shortTitle }, active: state.screen.rawValue - 1)
            .render(into: &canvas, area: area.top(1), styles: styles)
        area = area.droppingTop(1)
        let statusArea = area.bottom(1)
        let body = area.droppingBottom(1)

        var events: [UIEvent] = []
        // The status line's hints follow what this frame drew (the Overview's counts), not the last frame.
        var state = state
        if let entry = state.password {
            PasswordScreen.render(entry, into: &canvas, area: body, context: context, inFleet: state.inFleet)
        } else if state.overlay == .wizard, let wizard {
            wizard.render(into: &canvas, area: body, context: context)
        } else {
            if state.screen == .overview {
                let targets = OverviewScreen.render(state: state, into: &canvas, area: body, context: context)
                if targets != state.overviewTargets {
                    events.append(.overviewTargets(targets))
                    state.overviewTargets = targets
                }
            }
            if let result = renderScreen(state: state, context: context, into: &canvas, area: body) {
                events.append(.measured(state.screen, result.measure, resolved: result.resolved, selectedID: result.selectedID))
                state.measures[state.screen] = result.measure
            }
            if case let .help(offset) = state.overlay {
                let visible = KeyHelp.render(offset: offset, into: &canvas, area: body, styles: styles)
                var measure = state.measures[state.screen] ?? TableMeasure()
                measure.detailVisible = visible
                measure.detailLines = KeyHelp.lineCount
                events = [.measured(state.screen, measure, resolved: state.table, selectedID: state.selectedIDs[state.screen])]
            }
        }
        statusLine(state: state, context: context, into: &canvas, area: statusArea)
        return events
    }

    static func renderScreen(state: UIState, context: ViewContext, into canvas: inout Canvas, area: Rect) -> TableRenderResult? {
        switch state.screen {
        case .overview:
            // Handled by `render`, which reports the Overview's targets.
            return nil
        case .cluster: return ClusterScreen.render(state: state, into: &canvas, area: area, context: context)
        case .serviceEngines: return ServiceEnginesScreen.render(state: state, into: &canvas, area: area, context: context)
        case .secureChannel: return SecureChannelScreen.render(state: state, into: &canvas, area: area, context: context)
        case .certificates: return CertificatesScreen.render(state: state, into: &canvas, area: area, context: context)
        case .alerts: return AlertsScreen.render(state: state, into: &canvas, area: area, context: context)
        case .requests: return RequestsScreen.render(state: state, into: &canvas, area: area, context: context)
        }
    }

    // MARK: - Header

    static func hostName(_ controller: String) -> String {
        guard let url = URL(string: controller), let host = url.host else { return controller }
        return url.port.map { "\(host):\($0)" } ?? host
    }

    /// Controller, version, cluster state and user on the left; PAUSED and the
    /// data age on the right; badges. On a narrow terminal the name of the
    /// program and then the version go first, so the age and PAUSED stay.
    static func header(state: UIState, context: ViewContext, width: Int) -> HeaderBar {
        let snapshot = context.snapshot
        let connection = snapshot.connection
        var badges: [Badge] = []
        if connection.readOnly { badges.append(Badge("READ-ONLY", role: .badgeReadOnly)) }
        if connection.insecure { badges.append(Badge("INSECURE", role: .badgeInsecure)) }
        // An outage must show at a glance: a badge in the warning or critical look.
        switch DataHealth.level(snapshot, now: context.now) {
        case .fresh: break
        case .stale: badges.insert(Badge("STALE", role: .warning), at: 0)
        case .offline: badges.insert(Badge("OFFLINE", role: .critical), at: 0)
        }
        var right = DataHealth.freshestAge(snapshot, now: context.now).map { "data " + Durations.short($0) } ?? "loading…"
        if state.paused { right = "PAUSED · " + right }

        let cluster: String?
        if let clusterState = snapshot.clusterRuntime.value?.clusterState?.state {
            let name = clusterState.shortName(droppingPrefix: "CLUSTER_")
            cluster = snapshot.clusterRuntime.error == nil ? name : "last known \(name)"
        } else {
            cluster = snapshot.clusterRuntime.error != nil ? "cluster unknown" : nil
        }
        let user = "\(connection.username)@\(connection.tenant)"
        let host = hostName(connection.controller)
        // In a fleet the profile names the cluster, before anything else is dropped.
        let profile = connection.profile.map { "[\($0)]" }
        let candidates: [[String?]] = [
            ["avitui", profile, host, connection.controllerVersion, cluster, user],
            ["avitui", profile, host, cluster, user],
            [profile, host, cluster, user],
            [profile, cluster],
        ]
        let room = width - badges.reduce(0) { $0 + $1.width + 1 } - DisplayWidth.of(right) - 3
        var left = ""
        for parts in candidates {
            left = parts.compactMap { $0 }.joined(separator: " · ")
            if DisplayWidth.of(SafeText.sanitize(left)) <= room { break }
        }
        return HeaderBar(left: left, right: right, badges: badges)
    }

    // MARK: - Status line

    static func statusLine(state: UIState, context: ViewContext, into canvas: inout Canvas, area: Rect) {
        let styles = context.styles
        if let input = state.input {
            CommandLineView.render(input, into: &canvas, area: area, styles: styles)
            return
        }
        let (message, role) = statusMessage(state: state, context: context)
        // A long note (a problem with the data, a refusal) gets the whole line but for the help key.
        let long = DisplayWidth.of(message) + 2 > area.width / 2
        let keys = long && state.password == nil ? [StatusLine.Hint("?", "help")] : hints(for: state)
        StatusLine(message: message, messageRole: role, hints: keys).render(into: &canvas, area: area, styles: styles)
    }

    /// The left part of the status line: a note from the last key, else what
    /// is failing or stale, else nothing.
    static func statusMessage(state: UIState, context: ViewContext) -> (String, ThemeRole) {
        if let message = state.message {
            switch message.kind {
            case .info: return (message.text, .statusBar)
            case .warning: return (message.text, .warning)
            case .error: return (message.text, .error)
            }
        }
        if let problem = DataHealth.problem(context.snapshot, now: context.now, paused: state.paused) {
            return (problem, DataHealth.level(context.snapshot, now: context.now) == .offline ? .error : .warning)
        }
        if state.paused { return ("paused — the data is not refreshed; p resumes", .warning) }
        return ("", .statusBar)
    }

    static func hints(for state: UIState) -> [StatusLine.Hint] {
        if state.password != nil { return [StatusLine.Hint("Enter", "log in"), StatusLine.Hint("Esc", state.inFleet ? "back" : "quit")] }
        switch state.overlay {
        case .help: return [StatusLine.Hint("j/k", "scroll"), StatusLine.Hint("Esc", "close")]
        case .detail: return [StatusLine.Hint("j/k", "scroll"), StatusLine.Hint("Esc", "close")]
        case .wizard: return []
        case .none: break
        }
        if state.screen == .overview {
            // The tabs show the number keys; the hints teach how a count opens its list.
            guard !state.overviewTargets.isEmpty else {
                return [StatusLine.Hint("1-7", "screens"), StatusLine.Hint("?", "help"), StatusLine.Hint("q", "quit")]
            }
            return [StatusLine.Hint("?", "help"), StatusLine.Hint("j/k", "select"), StatusLine.Hint("Enter", "open"), StatusLine.Hint("q", "quit")]
        }
        var hints = [StatusLine.Hint("/", "filter"), StatusLine.Hint("s", "sort"), StatusLine.Hint("Enter", "details")]
        let measure = state.measure
        if measure.columnsHiddenLeft + measure.columnsHiddenRight > 0 { hints.append(StatusLine.Hint("<>", "columns")) }
        if state.screen == .alerts { hints += [StatusLine.Hint("f", "follow"), StatusLine.Hint("l", "level")] }
        hints += [StatusLine.Hint("?", "help"), StatusLine.Hint("q", "quit")]
        return hints
    }
}
