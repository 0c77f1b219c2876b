import IndicatorModel

extension Policy {
    /// Decides whether `recipient` may receive `report`, and with which fields.
    ///
    /// Hard rules first — auditors never, the reporter always, then TLP, the report's
    /// jurisdictions and cross-border delivery — then the first routing rule (in file order) for
    /// the recipient's role and the report's kind whose conditions apply decides; nothing
    /// applying means deny. Pure and allocation-free.
    public func decide(_ report: PreparedReport, for recipient: PreparedRecipient) -> Decision {
        if let gate = gate(report, for: recipient) { return gate }
        let slot = recipient.role &* 8 &+ report.kind
        for position in Int(candidateStart[slot])..<Int(candidateStart[slot &+ 1]) {
            let number = candidates[position]
            let matcher = matchers[Int(number)]
            guard matcher.applies(to: report, recipient: recipient) else { continue }
            if matcher.isDeny { return .deny(.ruleDenies, rule: number) }
            if isCorroborated(report, under: matcher) { return .allow(matcher.fields, .ruleAllows, rule: number) }
            return .deny(.notCorroborated(reporters: report.corroboration.distinctReporters), rule: number)
        }
        return .deny(.noRule)
    }

    /// Prepares both sides and decides: for one-off decisions; the hub prepares once and reuses.
    public func decide(_ report: ReportFacts, indicator: IndicatorState, for recipient: Participant) -> Decision {
        decide(prepare(report, indicator: indicator), for: prepare(recipient))
    }

    /// The hard rules that no routing rule overrides; `nil` when they let the report through to routing.
    func gate(_ report: PreparedReport, for recipient: PreparedRecipient) -> Decision? {
        if recipient.role == Role.auditor.index { return .deny(.auditorsReceiveNoIndicators) }
        if recipient.idHash == report.reporterHash, recipient.participant.id == report.facts.reporter.id {
            return .allow(.all, .ownReport)
        }
        switch report.tlp {
        case .red, .amberStrict:
            if !report.facts.recipients.contains(recipient.participant.id) { return .deny(.notNamedRecipient) }
        case .amber:
            if recipient.communities & report.reporterCommunities == 0 { return .deny(.notInReportersCommunity) }
            if !needToKnow[report.kind].contains(index: recipient.role) { return .deny(.notNeedToKnow) }
        case .green:
            if recipient.communities & report.reporterCommunities == 0 { return .deny(.notInReportersCommunity) }
        case .clear:
            break
        }
        if !report.jurisdictionCodes.isEmpty, !report.jurisdictionCodes.contains(recipient.jurisdictionCode) {
            return .deny(.outsideReportJurisdictions)
        }
        if recipient.jurisdictionCode != report.reporterJurisdictionCode,
            !crossBorderRoles.contains(index: recipient.role)
        {
            return .deny(.crossBorderNotAllowed)
        }
        return nil
    }

    func isCorroborated(_ report: PreparedReport, under matcher: RuleMatcher) -> Bool {
        guard matcher.conditionCount > 0 else { return true }
        let first = Int(matcher.conditionStart)
        for index in first..<first &+ Int(matcher.conditionCount)
        where report.corroboration.satisfies(conditions[index]) {
            return true
        }
        return false
    }
}

extension RuleMatcher {
    /// Whether the rule's recipients and match conditions (all but role and kind, which the
    /// candidate index already checked) hold.
    @inline(__always)
    func applies(to report: PreparedReport, recipient: PreparedRecipient) -> Bool {
        categories & report.categoryBit != 0
            && listings & report.listingBit != 0
            && tlps & (1 << UInt8(report.tlp.policyIndex)) != 0
            && reporterRoles.rawValue & report.reporterRoleBit != 0
            && jurisdictions & recipient.jurisdictionBit != 0
            && (communities == 0 || communities & recipient.communities != 0)
            && (participants == 0 || participants & recipient.namedBit != 0)
            && deliveryApplies(crossBorder: recipient.jurisdictionCode != report.reporterJurisdictionCode)
    }

    func deliveryApplies(crossBorder: Bool) -> Bool {
        switch delivery {
        case .any: true
        case .domestic: !crossBorder
        case .crossBorder: crossBorder
        }
    }
}
