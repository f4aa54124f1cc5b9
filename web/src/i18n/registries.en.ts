import type registriesZh from './registries.zh-CN';

/** Messages of the registries (English). */
const registriesEn: typeof registriesZh = {
  kinds: { institution: 'Technology-transfer service institutions', broker: 'Technology brokers', space: 'Maker spaces and incubators', alliance: 'Industry technology innovation alliances', demo_zone: 'Demonstration zones and bases' },
  subtitles: {
    institution: 'Institutions for technology trading, evaluation, investment and financing, consulting, legal services, IP agency and testing, including recognised demonstration institutions.',
    broker: 'Trained and graded technology brokers and managers, and provincial and municipal professional transfer talents.',
    space: 'Maker spaces, technology business incubators, accelerators and rural star spaces.',
    alliance: 'Industry technology innovation alliances around the pillar industries, and their joint projects.',
    demo_zone: 'Demonstration zones, bases and parks for the transformation of achievements.',
  },
  searchPlaceholder: 'Search, e.g. “sweet sorghum”, “intellectual property”',
  broader: 'Nothing contains every word; showing results with some of them.',
  fuzzy: 'No exact match; showing similar names.',
  empty: 'No entries',
  all: 'All',
  statuses: { draft: 'Draft', submitted: 'Awaiting review', returned: 'Returned', published: 'Published', withdrawn: 'Withdrawn' },
  revisionStatuses: { draft: 'Draft', submitted: 'Under review', returned: 'Returned', approved: 'Approved', superseded: 'Superseded' },
  levels: { none: 'Not recognised', municipal: 'Municipal', provincial: 'Provincial', national: 'National' },
  types: { trading: 'Technology trading', evaluation: 'Evaluation', financing: 'Investment and financing', consulting: 'Consulting', legal: 'Legal', ip_agency: 'IP agency', testing: 'Testing' },
  grades: { junior: 'Junior technology broker', intermediate: 'Intermediate technology broker', senior: 'Senior technology manager' },
  spaceKinds: { maker_space: 'Maker space', incubator: 'Incubator', accelerator: 'Accelerator', star_space: 'Rural star space' },
  specialisations: { professional: 'Specialised', general: 'General' },
  zoneKinds: { zone: 'Demonstration zone', base: 'Demonstration base', park: 'Park' },
  stages: { cultivating: 'Being cultivated', built: 'Built', recognised: 'Recognised' },
  talent: { provincial: 'Provincial transfer talent', municipal: 'Municipal transfer talent' },
  fields: {
    name: 'Name', types: 'Service types', summary: 'Summary', address: 'Address', regionCode: 'Region code', contactName: 'Contact', contactPhone: 'Phone',
    contactEmail: 'E-mail', website: 'Website', recognitionLevel: 'Demonstration level', certificateNo: 'Certificate no.', recognisedOn: 'Recognised on', validUntil: 'Valid until',
    grade: 'Grade', expertise: 'Expertise', bio: 'Biography', phone: 'Phone', email: 'E-mail', kind: 'Type', level: 'Level', specialisation: 'Specialised / general',
    field: 'Field', operatorName: 'Operator', areaSqm: 'Area (m²)', services: 'Services', foundedOn: 'Founded on', stage: 'Stage',
    cultivatingSince: 'Cultivated since', builtOn: 'Built on', organisation: 'Organisation', status: 'Status', updatedAt: 'Updated', submittedAt: 'Submitted', reviewNote: 'Reason returned',
  },
  details: {
    services: 'Services', price: 'Price', negotiable: 'Negotiable', staff: 'Staff', performance: 'Yearly performance', deals: 'Deals facilitated', amount: 'Contract amount',
    certificate: 'Certificate', expired: 'Expired', expiring: 'Expiring ({{days}} days)', valid: 'Valid', certificates: 'Certificates', trainings: 'Training', hours: 'Hours',
    recognitions: 'Talent recognition', cases: 'Cases handled', outcomes: 'Case outcomes', tenants: 'Incubated enterprises and teams', entered: 'Entered', graduated: 'Graduated', members: 'Members',
    projects: 'Joint projects', incubating: 'Incubating', none: 'None',
  },
  console: {
    title: '{{kind}}', mine: 'Our entries', review: 'Awaiting review', allEntries: 'All entries', create: 'New entry', edit: 'Edit', view: 'View',
    save: 'Save draft', submit: 'Submit for review', approve: 'Approve', return: 'Return for changes', withdraw: 'Withdraw', reason: 'Reason', reasonRequired: 'Give the reason for returning',
    saved: 'Saved', submitted: 'Submitted for review', approved: 'Approved and published', returned: 'Returned', withdrawn: 'Withdrawn', pendingChange: 'A change awaits review; the approved version stays public.',
    returnedNote: 'Reviewer: {{note}}', history: 'Revisions', export: 'Export to Excel', listHint: 'Separate several values with commas', revision: 'Revision {{n}}',
  },
};
export default registriesEn;
