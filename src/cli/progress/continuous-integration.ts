/**
 * Whether the process runs in CI, from the environment it is given (so tests pass their own). The
 * rule is the one `is-in-ci` and `ci-info` use (`CI` or `CONTINUOUS_INTEGRATION` set, or any
 * `CI_*` variable, unless `CI` is `false` or `0`), plus the services that set neither: Jenkins,
 * TeamCity, Azure Pipelines and AWS CodeBuild. Those packages read `process.env` once, when they
 * are loaded, which an injected environment cannot reach: a dozen lines do not earn a dependency.
 */
export function isContinuousIntegration(environment: Readonly<Record<string, string | undefined>>): boolean {
  const ci = environment.CI;
  if (ci === 'false' || ci === '0') return false;
  if (ci !== undefined || environment.CONTINUOUS_INTEGRATION !== undefined) return true;
  if (vendorVariables.some((name) => environment[name] !== undefined)) return true;
  return Object.keys(environment).some((name) => name.startsWith('CI_') && environment[name] !== undefined);
}

const vendorVariables = ['BUILD_NUMBER', 'RUN_ID', 'JENKINS_URL', 'TEAMCITY_VERSION', 'TF_BUILD', 'CODEBUILD_BUILD_ARN', 'GITHUB_ACTIONS', 'GITLAB_CI', 'BUILDKITE', 'CIRCLECI'];
