/** What the admin and my-week routes need: the job services, the CRM and the admin list. */
export interface JobFeatureDeps {
  services: import("../../jobs/services").JobServices;
  crm: import("../../crm/port").CrmFullPort;
  /** Lower-case addresses of the admins: the auth hook lets only them reach /api/v1/admin/. */
  admins: readonly string[];
}
