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
            return (RotationText.current(flow.context, now: now).flatMap { WizardLine.wrapped($0, role: .normal, width: width) }
                    + [WizardLine(""), WizardLine("nothing is sent before you type the cluster name at step 6", .muted)],
                    "Enter choose the new certificate · Esc close")
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
            let all = (flow.plan.map { RotationText.plan($0) } ?? []).flatMap { WizardLine.wrappedKeepingIndent($0, role: .normal, width: width) }
            let start = min(state.scroll, max(0, all.count - height))
            let shown = Array(all.dropFirst(start).prefix(height))
            let more = all.count > height ? " · ↑↓ scroll (\(start + 1)–\(start + shown.count) of \(all.count))" : ""
            return (shown, "Enter confirm · Esc back" + more)
        case .confirm:
            guard let plan = flow.plan else { return ([], "Esc back") }
            var lines = [WizardLine("secure channel: \(plan.beforeName) → \(plan.afterName)", .accent)]
            lines += plan.writes.map { WizardLine("  \($0.method.rawValue) \($0.path)") }
            if plan.overridesFailedChecks { lines.append(WizardLine("must-checks failed and are OVERRIDDEN", .critical)) }
            lines.append(WizardLine(""))
            lines.append(WizardLine("nothing has been sent yet", .muted))
            lines.append(WizardLine("type the cluster name '\(flow.context.clusterName)' and Enter to apply:", .warning))
            lines.append(WizardLine("> \(state.input)▏", .normal))
            return (lines, "Enter apply · Esc back")
        case .verify, .audit:
            return (result(state, flow: flow, width: width), flow.isFinished ? "Enter close" : "working…")
        }
    }

    static func choose(_ state: RotationWizardState, flow: RotationFlow, width: Int, height: Int, now: Date) -> ([WizardLine], String) {
        var rows: [WizardLine] = state.candidates(now: now).map { candidate in
            let days = candidate.certificate.daysLeft(now: now).map { "\($0) d" } ?? "?"
            if candidate.isUsable {
                let warning = candidate.warnings.isEmpty ? "" : "  ! " + candidate.warnings.joined(separator: "; ")
                return WizardLine("  \(candidate.name)  \(days)  \(candidate.certificate.keyParams?.summary ?? "")\(warning)",
                                  candidate.warnings.isEmpty ? .normal : .warning)
            }
            return WizardLine("  \(candidate.name) — \(candidate.problems.joined(separator: "; "))", .muted)
        }
        rows.append(WizardLine("  + import from PEM files (a new object; nothing is overwritten)", .accent))
        if let problem = state.returnToDefaultProblem {
            rows.append(WizardLine("  ↩ return to the default — \(problem)", .muted))
        } else {
            rows.append(WizardLine("  ↩ return to the default (\(RotationContext.defaultCertificateName))", .accent))
        }
        let selected = min(state.selection, rows.count - 1)
        rows[selected].highlighted = true
        rows[selected].text = "›" + rows[selected].text.dropFirst()
        let visible = max(1, height - 1)
        let start = max(0, min(selected - visible / 2, rows.count - visible))
        let header = WizardLine("usable certificates first; greyed ones say why they cannot be used", .muted)
        return ([header] + Array(rows.dropFirst(start).prefix(visible)), "↑↓ select · Enter choose · i import · Esc back")
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

    static func result(_ state: RotationWizardState, flow: RotationFlow, width: Int) -> [WizardLine] {
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
        if flow.isFinished, let plan = flow.plan, flow.outcome?.configurationMayHaveChanged == true {
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
