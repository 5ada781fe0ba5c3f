import AviAPI
import Console
import Foundation

/// The body of each wizard step as lines, with the key hints for that step.
enum WizardStepViews {
    static func lines(for state: RotationWizardState, width: Int, height: Int, now: Date) -> ([WizardLine], String) {
        guard let flow = state.flow else { return ([], "Esc close") }
        if flow.isCancelled { return ([WizardLine("cancelled — nothing was sent", .muted)], "Enter close") }
        switch flow.step {
        case .current:
            var lines = RotationText.current(flow.context, now: now).flatMap { WizardLine.wrapped($0, role: .normal, width: width) }
            lines.append(WizardLine(""))
            if let result = state.verifyOnly {
                lines.append(WizardLine("verify only (nothing was changed):", .accent))
                lines += result.lines.flatMap { text in WizardLine.wrapped(text, role: WizardLine.judged(text).role, width: width) }
                return (lines, "any key back")
            }
            if state.busy?.hasPrefix("verify only") == true {
                lines += WizardLine.wrapped(state.watchProgress?.summary ?? "reading the mappings…", role: .accent, width: width)
                return (lines, "Esc stops watching")
            }
            lines.append(WizardLine("nothing is sent before you type the cluster name at step 6", .muted))
            lines.append(WizardLine("v verifies the secure channel as it is, changing nothing (a change made elsewhere)", .muted))
            return (lines, "Enter choose the new certificate · v verify only · Esc close")
        case .choose:
            return state.importing ? importForm(state, width: width) : choose(state, flow: flow, width: width, height: height, now: now)
        case .validate:
            var lines = [WizardLine("new: " + (flow.target.map(RotationText.target) ?? "?"), .accent)]
            lines += (flow.validation.map(RotationText.validation) ?? []).flatMap { text in
                WizardLine.wrapped(text, role: WizardLine.judged(text).role, width: width)
            }
            let passed = flow.validation?.passed == true
            return (lines, passed ? "Enter must-checks · Esc back" : "validation failed — Esc back and choose another")
        case .mustChecks:
            let how = "press o, then type '\(RotationFlow.overridePhrase)' and Enter"
            var lines = RotationText.mustChecks(flow.context.mustChecks, overrideConfirmed: flow.overrideConfirmed, overrideHow: how)
                .flatMap { text in WizardLine.wrapped(text, role: WizardLine.judged(text).role, width: width) }
            if flow.context.mustChecks.allPassed || flow.overrideConfirmed {
                return (lines, "Enter plan · Esc back")
            }
            lines.append(WizardLine(""))
            guard state.overriding else {
                return (lines, "stopping is the safe default — Esc back · o override")
            }
            lines.append(WizardLine("type '\(RotationFlow.overridePhrase)' and Enter to go on anyway: \(state.input)▏", .warning))
            return (lines, "Enter confirm the override · Esc cancel the override")
        case .plan:
            guard let plan = flow.plan else { return ([], "Esc back") }
            // The change first, as a diff; the calls after; the full bodies only on demand (b).
            var all = [WizardLine("the change (- before, + after):", .accent)]
            all += RotationText.diff(plan).flatMap { text -> [WizardLine] in
                let role: ThemeRole = text.hasPrefix("-") ? .critical : (text.hasPrefix("+") ? .ok : .normal)
                return WizardLine.wrappedDiff(text, role: role, width: width)
            }
            all.append(WizardLine(""))
            all += RotationText.plan(plan, showBodies: state.showBodies).flatMap { WizardLine.wrappedKeepingIndent($0, role: .normal, width: width) }
            let page = max(1, height)
            let start = min(state.scroll, max(0, all.count - page))
            let shown = Array(all.dropFirst(start).prefix(page))
            let more = all.count > page ? " · PgDn/PgUp page (\(start + 1)–\(start + shown.count) of \(all.count))" : ""
            return (shown, "Enter confirm · b \(state.showBodies ? "hide" : "show") request bodies · Esc back" + more)
        case .confirm:
            guard let plan = flow.plan else { return ([], "Esc back") }
            var lines = [WizardLine("secure channel: \(plan.beforeName) → \(plan.afterName)", .accent)]
            lines += plan.writes.map { WizardLine("  \($0.method.rawValue) \($0.path)") }
            lines += RotationText.confirmWarnings(flow).flatMap { WizardLine.wrapped($0, role: .warning, width: width) }
            if plan.overridesFailedChecks { lines.append(WizardLine("must-checks failed and are OVERRIDDEN", .critical)) }
            lines.append(WizardLine(""))
            lines.append(WizardLine("nothing has been sent yet", .muted))
            lines.append(WizardLine("type the cluster name '\(flow.context.clusterName)' and Enter to apply:", .warning))
            lines.append(WizardLine("> \(state.input)▏", .normal))
            return (lines, "Enter apply · Esc back")
        case .verify, .audit:
            let hints: String
            if state.confirmingRollback { hints = "Enter roll back · Esc cancel" }
            else if state.rollbackOffered { hints = "r roll back (type the cluster name) · Enter close" }
            else { hints = flow.isFinished && state.busy == nil ? "Enter close" : "working…" }
            return (result(state, flow: flow, width: width, height: height), hints)
        }
    }

    static func choose(_ state: RotationWizardState, flow: RotationFlow, width: Int, height: Int, now: Date) -> ([WizardLine], String) {
        if let form = state.signingForm { return signingForm(form, width: width) }
        var header = state.signingNote.flatMap { WizardLine.wrapped($0, role: .accent, width: width) }
        let candidates = state.candidates(now: now)
        let search = state.searching ? "search: \(state.search)▏" : (state.search.isEmpty ? "" : "search: \(state.search) (/ to change)")
        header.append(WizardLine(search.isEmpty ? "best candidates first (validity, key usage); greyed ones say why they cannot be used"
                                                : search + " — \(candidates.count) of \(state.candidateList.count)", .muted))
        var rows: [WizardLine] = [
            WizardLine("  + import from PEM files (a new object; nothing is overwritten)", .accent),
            WizardLine("  + make a CSR on the controller (the key never leaves it), complete it later", .accent),
        ]
        if let problem = state.returnToDefaultProblem {
            rows.append(WizardLine("  ↩ return to the default — \(problem)", .muted))
        } else {
            rows.append(WizardLine("  ↩ return to the default (\(RotationContext.defaultCertificateName))", .accent))
        }
        // Only the rows on screen are formatted: the list may hold thousands.
        let total = rows.count + candidates.count
        let selected = max(0, min(state.selection, total - 1))
        let visible = max(1, height - header.count)
        let start = max(0, min(selected - visible / 2, total - visible))
        var shown: [WizardLine] = []
        for index in start..<min(total, start + visible) {
            var line = index < rows.count ? rows[index] : row(candidates[index - rows.count], now: now)
            if index == selected {
                line.highlighted = true
                line.text = "›" + line.text.dropFirst()
            }
            shown.append(line)
        }
        return (header + shown, "↑↓ select · Enter choose · / search · i import · c CSR · Esc back")
    }

    static func row(_ candidate: RotationCandidate, now: Date) -> WizardLine {
        let days = candidate.certificate.notAfter.map { ExpiryText.short(notAfter: $0, now: now) } ?? "-"
        let used = candidate.usedBy.isEmpty ? "" : "  used by " + candidate.usedBy.prefix(2).joined(separator: ", ") + (candidate.usedBy.count > 2 ? " +\(candidate.usedBy.count - 2)" : "")
        if candidate.certificate.status == "SSL_CERTIFICATE_PENDING" {
            return WizardLine("  \(candidate.name) — CSR waiting for its signed certificate: Enter completes it", .warning)
        }
        if candidate.isUsable {
            let warning = candidate.warnings.isEmpty ? "" : "  ! " + candidate.warnings.joined(separator: "; ")
            return WizardLine("  \(candidate.name)  \(days)  \(candidate.certificate.keyParams?.summary ?? "")\(used)\(warning)",
                              candidate.warnings.isEmpty ? .normal : .warning)
        }
        return WizardLine("  \(candidate.name) — \(candidate.problems.joined(separator: "; "))\(used)", .muted)
    }

    static func signingForm(_ form: WizardSigningForm, width: Int) -> ([WizardLine], String) {
        var lines: [WizardLine]
        switch form.kind {
        case .create:
            lines = [WizardLine("make a CSR on the controller: it creates the key (RSA 2048) and keeps it; the object stays pending", .muted)]
        case let .complete(name):
            lines = [WizardLine("complete \(name): the certificate must be made from its CSR (checked before anything is sent)", .muted)]
        }
        for field in form.fields {
            let focused = field == form.focus
            lines.append(WizardLine("\(focused ? "›" : " ") \(form.label(field)): \(form[field])\(focused ? "▏" : "")", focused ? .accent : .normal))
        }
        lines.append(WizardLine(""))
        lines.append(WizardLine("the secure channel is not changed here; choose the completed certificate afterwards", .muted))
        return (lines, "Tab next field · Enter send · Esc back to the list")
    }

    static func importForm(_ state: RotationWizardState, width: Int) -> ([WizardLine], String) {
        var lines = [WizardLine("import a certificate as a new object (RSA 2048 or more, EC P-256/P-384; PKCS#8 or traditional keys)", .muted)]
        for field in WizardImportForm.Field.allCases {
            let value = field == .passphrase ? String(repeating: "*", count: state.form[field].count) : state.form[field]
            let focused = field == state.form.focus
            lines.append(WizardLine("\(focused ? "›" : " ") \(field.label): \(value)\(focused ? "▏" : "")", focused ? .accent : .normal))
        }
        lines.append(WizardLine(""))
        lines.append(WizardLine("the files are read and checked locally first; nothing is sent before step 6", .muted))
        return (lines, "Tab next field · Enter read the files · Esc back to the list")
    }

    static func result(_ state: RotationWizardState, flow: RotationFlow, width: Int, height: Int) -> [WizardLine] {
        var lines = changeResult(state, flow: flow, width: width)
        if state.rollbackOffered, let plan = flow.plan, let report = flow.verification {
            lines.append(WizardLine(""))
            lines += RotationText.rollbackOffer(plan, report: report).flatMap { WizardLine.wrapped($0, role: $0.hasPrefix("verification") ? .critical : .normal, width: width) }
            if state.confirmingRollback {
                lines.append(WizardLine("type the cluster name '\(flow.context.clusterName)' and Enter to roll back:", .warning))
                lines.append(WizardLine("> \(state.input)▏", .normal))
            }
        }
        if state.busy?.hasPrefix("rolling back") == true {
            lines.append(WizardLine(""))
            lines += WizardLine.wrapped("rollback: " + (state.watchProgress?.summary ?? "applying…"), role: .accent, width: width)
        }
        if let run = state.rollback {
            lines.append(WizardLine(""))
            lines.append(WizardLine("rollback:", .accent))
            lines += RotationText.rollback(run).flatMap { text in WizardLine.wrapped(text, role: WizardLine.judged(text).role, width: width, indent: "  ") }
            if let path = state.rollbackAuditPath {
                lines.append(state.rollbackAuditError.map { WizardLine("FAIL audit log: \($0)", .critical) } ?? WizardLine("rollback recorded in \(path) (its own entry)", .muted))
            }
        }
        // The newest lines matter most: keep the tail when the result is taller than the pane.
        return lines.count > height ? Array(lines.suffix(height)) : lines
    }

    static func changeResult(_ state: RotationWizardState, flow: RotationFlow, width: Int) -> [WizardLine] {
        var lines: [WizardLine] = []
        if let outcome = flow.outcome {
            let role: ThemeRole = outcome.succeeded ? .ok : .critical
            lines += RotationText.outcome(outcome).flatMap { WizardLine.wrapped($0, role: role, width: width) }
        }
        if let report = flow.verification {
            lines += RotationText.verification(report).flatMap { text in WizardLine.wrapped(text, role: WizardLine.judged(text).role, width: width) }
        } else if flow.step == .verify, flow.outcome?.configurationMayHaveChanged == true {
            lines.append(WizardLine(""))
            let watching = state.watchProgress?.summary ?? "reading the configuration back…"
            lines += WizardLine.wrapped(watching, role: .accent, width: width)
            lines.append(WizardLine(state.stopWatching ? "stopping the watch — the change stays applied"
                                                       : "Esc stops watching; the change stays applied either way", .muted))
        }
        if let path = state.auditPath {
            lines.append(state.auditError.map { WizardLine("FAIL audit log: \($0)", .critical) } ?? WizardLine("recorded in \(path)", .muted))
        }
        if flow.isFinished, !state.rollbackOffered, state.rollback == nil, let plan = flow.plan, flow.outcome?.configurationMayHaveChanged == true {
            lines.append(WizardLine(""))
            lines.append(WizardLine("to roll back:", .accent))
            lines += WizardLine.wrapped(RotationCommandLine.rollback(plan), role: .normal, width: width, indent: "  ")
            if let note = RotationCommandLine.rollbackOverrideNote(plan) {
                lines += WizardLine.wrapped(note, role: .muted, width: width, indent: "  ")
            }
        }
        return lines
    }
}
