"""The operator's legal details are what it must publish about itself by law (§ 5 DDG, Art. 13 DSGVO)."""

from augenhoehe.core.personal_data import declare_not_personal

declare_not_personal(
    "legal.LegalDetails",
    reason="the operator's legally required public details, published on the legal pages",
    not_personal={
        "operator_name",
        "address",
        "represented_by",
        "email",
        "phone",
        "content_responsible",
        "privacy_officer",
        "accessibility_contact",
        "supervisory_authority",
        "privacy_authority",
        "hosting",
        "known_barriers",
        "enforcement_body",
        "imprint_extra",
        "privacy_extra",
        "accessibility_extra",
    },
)
