"""DOCX layouts per document type: the same blocks, in the same order, as each document.html."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from scripts import docx_notices as notices
from scripts import docx_parties as parties
from scripts.docx_case_record import cited_letters, evidence_table

Builder = Any  # scripts.build_docx_templates.Builder; Any keeps this module import-light


def letter_number(b: Builder) -> None:
    """Place the letter number, right-aligned, and the registered-names note, when needed."""
    b.tag("{%p if letter_number %}")
    b.para("t.letter_number", indent=False, align="right", size=10.5)
    b.tag("{%p endif %}")
    b.tag("{%p if registered_names_note %}")
    b.para("t.registered_names", indent=False)
    b.tag("{%p endif %}")


def addressee(b: Builder) -> None:
    """Place the debtor's name, ID and service address."""
    b.para("t.salutation", indent=False, bold=True, align="left")
    b.para("t.addressee_id", indent=False, align="left")
    b.para("t.service_address", indent=False, align="left")
    b.tag("{%p if t.greeting %}")
    b.para("t.greeting", indent=False, align="left").paragraph_format.space_before = b.pt(7)
    b.tag("{%p endif %}")


def governing_law(b: Builder) -> None:
    """Place (every edition but zh-CN) the law that governs the letter, after its statutes."""
    b.tag("{%p if t.governing_law %}")
    b.para("t.governing_law")
    b.tag("{%p endif %}")


def arrears_table(b: Builder) -> None:
    """Place the arrears table with its total in figures and in words."""
    b.para("t.arrears_as_of", indent=False)
    b.table(
        headers=["{{ t.item }}", "{{ t.amount }}"],
        row_loop="row in arrears.rows",
        cells=[("{{ row.label }}", "left"), ("{{ row.figure }}", "right")],
        total=[("{{ t.total }}", "left"), ("{{ arrears.total_figure }}", "right")],
        widths=[90, 68],
    )
    b.para("t.total_in_words", indent=False, bold=True)


def account(b: Builder) -> None:
    """Place the creditor's account, the channels and the only-this-account warning."""
    for expr in ("t.account_name", "t.account_number", "t.account_bank"):
        para = b.para(expr, indent=False, align="left", keep=True)
        para.paragraph_format.left_indent = b.mm(10)
    b.tag("{%p if repayment.channels %}")
    b.para("t.channels_intro", keep=True)
    b.bullets("repayment.channels", "channel")
    b.tag("{%p endif %}")
    b.para("t.account_only")


def ending(b: Builder, lines: list[str], issuer_expr: str = "creditor.name") -> None:
    """Place the last paragraphs, the closing sentence and the issuer block, kept on one page."""
    for expr in lines:
        b.para(expr, keep=True, keep_lines=True)
    b.para("t.closing", keep=True)
    b.issuer(issuer_expr)


def dunning_letter(b: Builder) -> None:
    """催收函, one per entry of `letters`: the borrowers' letter or a guarantor's."""
    parties.letters(b, lambda: _dunning_letter(b), lambda: guarantor_letter(b))


def _dunning_letter(b: Builder) -> None:
    """催收函: facts, default, arrears, demand, account, consequences, dispute, contact, issuer."""
    b.title()
    letter_number(b)
    parties.addressees(b, addressee)
    b.para("t.facts")
    b.para("t.default")
    arrears_table(b)
    notices.calculation(b)
    b.para("t.demand", keep_lines=True)
    account(b)
    b.para("t.consequences")
    notices.credit_report(b)
    b.para("t.limitation")
    parties.obligors(b)
    notices.delivery(b)
    governing_law(b)
    b.para("t.dispute", keep=True)
    ending(b, ["t.contact", "t.already_paid"])
    notices.enclosures(b)
    notices.reply_slip(b)


def lawyer_letter(b: Builder) -> None:
    """律师函, one per entry of `letters`: the borrowers' letter or a guarantor's."""
    parties.letters(b, lambda: _lawyer_letter(b), lambda: guarantor_letter(b))


def _lawyer_letter(b: Builder) -> None:
    """律师函: letterhead, facts, arrears, opinion, demand, account, reply, firm's issuer block."""
    b.letterhead("law_firm.name", "t.firm_contact")
    b.title()
    letter_number(b)
    parties.addressees(b, addressee)
    b.para("t.intro")
    b.heading("t.headings.facts")
    b.para("t.facts")
    b.para("t.default")
    arrears_table(b)
    notices.calculation(b)
    b.heading("t.headings.opinion")
    b.para("t.opinion_contract")
    b.para("t.opinion_breach")
    b.para("t.limitation")
    notices.delivery(b)
    governing_law(b)
    b.heading("t.headings.demand")
    b.para("t.demand", keep_lines=True)
    account(b)
    b.para("t.reply")
    b.para("t.consequences")
    parties.obligors(b)
    notices.credit_report(b)
    b.para("t.dispute", keep=True)
    for expr in ("t.contact", "t.already_paid"):
        b.para(expr, keep=True, keep_lines=True)
    b.para("t.closing", keep=True)
    b.issuer("law_firm.name", keep_last=True)
    b.signatories(
        "lawyer in law_firm.lawyers",
        "t.lawyer_signature | format(lawyer.name, lawyer.license_number)",
    )
    b.tag("{%p if not enclosures %}")
    attachment = b.para("t.attachment", indent=False, align="left")
    attachment.paragraph_format.space_before = b.pt(12)
    b.tag("{%p endif %}")
    notices.enclosures(b, ["t.power_of_attorney"])
    notices.reply_slip(b)


def litigation_notice(b: Builder) -> None:
    """诉前告知函, one per entry of `letters`: the borrowers' letter or a guarantor's."""
    parties.letters(b, lambda: _litigation_notice(b), lambda: guarantor_letter(b))


def _litigation_notice(b: Builder) -> None:
    """诉前告知函: facts, arrears, intended court and why, claims, costs, offer, account."""
    b.title()
    letter_number(b)
    parties.addressees(b, addressee)
    b.para("t.facts")
    b.para("t.default")
    arrears_table(b)
    cited_letters(b)
    notices.calculation(b)
    b.para("t.intention")
    b.para("t.claims_intro", keep=True)
    b.numbered("(litigation.claims if litigation.claims_quantified else t.default_claims)", "claim")
    evidence_table(b)
    b.para("t.costs")
    notices.credit_report(b)
    b.para("t.offer", keep_lines=True)
    b.para("t.account_intro")
    account(b)
    b.para("t.limitation")
    parties.obligors(b)
    notices.delivery(b)
    governing_law(b)
    b.para("t.dispute")
    b.para("t.contact", keep=True)
    ending(b, ["t.already_paid", "t.nature"])
    notices.enclosures(b)
    notices.reply_slip(b)


def guarantor_letter(b: Builder) -> None:
    """The letter to a guarantor alone (addressees "each"), in the blocks of this module."""
    parties.guarantor_letter(
        b,
        letter_number=letter_number,
        arrears_table=arrears_table,
        account=account,
        governing_law=governing_law,
        original_addressee=addressee,
    )


def article(b: Builder, key: str) -> None:
    """Place an article heading numbered in placing order (第一条　债务确认), as layout.html."""
    para = b.heading("t.articles.%s" % key)
    para.runs[0].text = (
        "{{ t.article_heading | format(article_labels[art.n], t.articles.%s) }}"
        "{%% set art.n = art.n + 1 %%}" % key
    )


def party(b: Builder, lines: list[tuple[str, str | None]]) -> None:
    """Place one party of an agreement: its name line in bold, then its details."""
    for index, (expr, condition) in enumerate(lines):
        if condition:
            b.tag("{%%p if %s %%}" % condition)
        para = b.para(expr, indent=False, bold=index == 0, align="left")
        para.paragraph_format.line_spacing = b.pt(18)
        para.paragraph_format.space_after = b.pt(0)
        if index == len(lines) - 1:
            para.paragraph_format.space_after = b.pt(8)
        if condition:
            b.tag("{%p endif %}")


def repayment_agreement(b: Builder) -> None:
    """还款协议: parties, recitals, numbered articles, instalment table, signature lines."""
    b.tag("{%p set art = namespace(n=0) %}")
    b.title()
    letter_number(b)
    signing = b.para("t.signing", indent=False, align="right", size=10.5)
    signing.paragraph_format.space_after = b.pt(8)
    party(
        b,
        [
            ("t.party_a", None),
            ("t.party_a_uscc", None),
            ("t.party_a_representative", "creditor.legal_representative"),
            ("t.party_a_address", None),
            ("t.party_a_phone", None),
        ],
    )
    parties.agreement_parties(
        b,
        lambda: party(
            b,
            [
                ("t.party_b", None),
                ("t.party_b_id", None),
                ("t.party_b_address", None),
                ("t.party_b_phone", "debtor.phone"),
            ],
        ),
    )
    b.tag("{%p if agreement.guarantor %}")
    party(
        b,
        [
            ("t.party_c", None),
            ("t.party_c_id", None),
            ("t.party_c_address", None),
            ("t.party_c_phone", "agreement.guarantor.phone"),
        ],
    )
    b.tag("{%p endif %}")
    b.tag("{%p if agreement.mediator %}")
    for expr in ("t.mediation_committee", "t.mediation_mediator"):
        b.para(expr, indent=False, align="left").paragraph_format.space_after = b.pt(0)
    b.tag("{%p endif %}")
    parties.agreement_together(b)
    b.para("t.preamble")

    article(b, "confirmation")
    arrears_table(b)
    notices.calculation(b)
    b.para("t.confirmation_after")

    article(b, "plan")
    b.para("t.plan", keep=True, keep_lines=True)
    b.table(
        headers=["{{ t.installment_number }}", "{{ t.installment_due_date }}", "{{ t.amount }}"],
        row_loop="item in agreement.installments",
        cells=[
            ("{{ item.number }}", "center"),
            ("{{ item.due_date }}", "center"),
            ("{{ item.figure }}", "right"),
        ],
        total=[
            ("{{ t.total }}", "center"),
            ("", "center"),
            ("{{ agreement.total_figure }}", "right"),
        ],
        widths=[24, 55, 79],
    )
    b.para("t.plan_due")
    b.tag("{%p if agreement.remainder %}")
    b.para("t.remainder")
    b.tag("{%p endif %}")

    article(b, "account")
    b.para("t.account_intro")
    account(b)
    b.para("t.contact")

    b.tag("{%p if agreement.has_waiver %}")
    article(b, "waiver")
    b.para("t.waiver", keep_lines=True)
    b.tag("{%p endif %}")
    article(b, "settlement")
    b.para("t.settlement")

    article(b, "acceleration")
    b.para("t.acceleration")
    article(b, "early_repayment")
    b.para("t.early_repayment")
    article(b, "original_contract")
    b.para("t.original_contract")

    b.tag("{%p if agreement.guarantor %}")
    article(b, "guarantee")
    b.para("t.guarantee")
    b.tag("{%p endif %}")

    parties.agreement_guarantors(b)
    article(b, "service")
    b.para("t.service")
    article(b, "disputes")
    b.para("t.governing_law")
    b.para("t.disputes[agreement.dispute_resolution]")
    b.tag("{%p if agreement.mediator %}")
    b.para("t.judicial_confirmation")
    b.tag("{%p endif %}")

    article(b, "effect")
    b.para("t.effect", keep=True)
    notices.enclosures(b)
    b.para("(t.parties.copies if parties.listed else t.copies)", keep=True)
    b.para("t.no_more_text", indent=False, align="center", keep=True)
    date = "t.signatures.date"
    parties.agreement_signatures(b, lambda: _signature_grid(b, date))


def _signature_grid(b: Builder, date: str) -> None:
    """The agreement's original signature grid: 甲方 and 乙方, 丙方 and mediator, committee."""
    b.signature_grid(
        [
            (
                None,
                [
                    (None, True, ["t.signatures.party_a", "t.signatures.representative", date]),
                    (None, False, ["t.signatures.party_b", date]),
                ],
            ),
            (
                "agreement.guarantor or agreement.mediator",
                [
                    ("agreement.guarantor", False, ["t.signatures.party_c", date]),
                    ("agreement.mediator", False, ["t.signatures.mediator", date]),
                ],
            ),
            (
                "agreement.mediator",
                [(None, True, ["t.signatures.committee", date]), (None, False, [])],
            ),
        ]
    )


LAYOUTS: dict[str, Callable[[Builder], None]] = {
    "dunning_letter": dunning_letter,
    "lawyer_letter": lawyer_letter,
    "litigation_notice": litigation_notice,
    "repayment_agreement": repayment_agreement,
}
