// Every application setting of the Function App, in one place. Written after functionApp.bicep's role assignments
// (the module depends on that one), so the identity can already read Key Vault and storage when the app starts.
// Secrets are Key Vault references; storage and Application Insights are reached with the app's identity, no keys.
// tests/Deliberation.Infra.Tests checks these settings against the app's options classes.

param functionAppName string
@allowed(['FlexConsumption', 'ElasticPremium'])
param planKind string
param defaultHostName string

@description('The public site\'s address (the Static Web App), linked from every acknowledgement and final answer.')
param publicSiteUrl string

param blobEndpoint string
param queueEndpoint string
param tableEndpoint string
param deploymentContainerName string
param appInsightsConnectionString string
param keyVaultUri string

@description('Prefix of every table and queue of the app (Storage:Prefix).')
param storagePrefix string
param taskHubName string
@description('The Durable Task Scheduler\'s endpoint, or empty for the Azure Storage provider.')
param durableTaskSchedulerEndpoint string

param authAuthority string
param authAudience string
param authUnitClaim string

param weChatAppId string
param weChatTemplateId string
param twilioAccountSid string
param twilioFrom string
param twilioMessagingServiceSid string
param acsEnabled bool
param acsFrom string
param textAnalyticsEndpoint string
param textAnalyticsProjectName string
param textAnalyticsDeploymentName string

var appSettings = {
  // The Functions host's storage (task hub, the wechat-inbox queue trigger, timers): identity-based.
  AzureWebJobsStorage__credential: 'managedidentity'
  AzureWebJobsStorage__blobServiceUri: blobEndpoint
  AzureWebJobsStorage__queueServiceUri: queueEndpoint
  AzureWebJobsStorage__tableServiceUri: tableEndpoint
  DurableTaskHub: taskHubName
  WeChatInboxQueue: empty(storagePrefix) ? 'wechat-inbox' : '${storagePrefix}-wechat-inbox'

  // The app's own tables and queues (Storage:*), in the same account, with the same identity.
  Storage__TableServiceUri: tableEndpoint
  Storage__QueueServiceUri: queueEndpoint
  Storage__Prefix: storagePrefix

  // Telemetry to Application Insights with the app's identity (local authentication is off).
  APPLICATIONINSIGHTS_CONNECTION_STRING: appInsightsConnectionString
  APPLICATIONINSIGHTS_AUTHENTICATION_STRING: 'Authorization=AAD'

  // Staff sign in with Entra ID (required outside the Development environment, which Azure never is; dev tokens and
  // /api/dev/* exist only there).
  Auth__Authority: authAuthority
  Auth__Audience: authAudience
  Auth__UnitClaim: authUnitClaim

  // Residents' phone numbers and WeChat ids at rest.
  Privacy__EncryptionKey: '@Microsoft.KeyVault(SecretUri=${keyVaultUri}secrets/privacy-encryption-key)'
  Privacy__HashKey: '@Microsoft.KeyVault(SecretUri=${keyVaultUri}secrets/privacy-hash-key)'

  // ForwardedHeaders__* is left unset: every request reaches the worker from the Functions host, so the client's
  // address is unknown and public objection codes are limited per mobile and per town-day, never per address
  // (docs/configuration.md says how to trust a front end's X-Forwarded-For).

  Channels__WeChat__Token: '@Microsoft.KeyVault(SecretUri=${keyVaultUri}secrets/wechat-token)'
  Channels__WeChat__EncodingAESKey: '@Microsoft.KeyVault(SecretUri=${keyVaultUri}secrets/wechat-encoding-aes-key)'
  Channels__WeChat__AppSecret: '@Microsoft.KeyVault(SecretUri=${keyVaultUri}secrets/wechat-app-secret)'
  Channels__WeChat__AppId: weChatAppId
  Channels__WeChat__TemplateId: weChatTemplateId

  Channels__Sms__Twilio__AuthToken: '@Microsoft.KeyVault(SecretUri=${keyVaultUri}secrets/twilio-auth-token)'
  Channels__Sms__Twilio__AccountSid: twilioAccountSid
  Channels__Sms__Twilio__From: twilioFrom
  Channels__Sms__Twilio__MessagingServiceSid: twilioMessagingServiceSid
  // Twilio signs the URL it called; the worker behind the Functions host must check against the public one.
  Channels__Sms__Twilio__PublicBaseUrl: 'https://${defaultHostName}'

  Channels__Sms__Acs__ConnectionString: acsEnabled ? '@Microsoft.KeyVault(SecretUri=${keyVaultUri}secrets/acs-connection-string)' : ''
  Channels__Sms__Acs__From: acsFrom
  Channels__Sms__Acs__WebhookKey: '@Microsoft.KeyVault(SecretUri=${keyVaultUri}secrets/acs-webhook-key)'
  Channels__Sms__Aliyun__WebhookKey: '@Microsoft.KeyVault(SecretUri=${keyVaultUri}secrets/aliyun-webhook-key)'

  Channels__Hotline__TranscriptSecret: '@Microsoft.KeyVault(SecretUri=${keyVaultUri}secrets/hotline-transcript-secret)'

  TextAnalytics__Endpoint: textAnalyticsEndpoint
  TextAnalytics__Key: '@Microsoft.KeyVault(SecretUri=${keyVaultUri}secrets/text-analytics-key)'
  TextAnalytics__ProjectName: textAnalyticsProjectName
  TextAnalytics__DeploymentName: textAnalyticsDeploymentName

  // The public site, linked from texts as {Web__PublicBaseUrl}/c/{caseId}.
  Web__PublicBaseUrl: publicSiteUrl
  // Open311 GeoReport v2 clients' API keys, comma-separated.
  Open311__ApiKeys: '@Microsoft.KeyVault(SecretUri=${keyVaultUri}secrets/open311-api-keys)'
}

// Elastic Premium names its runtime in settings (Flex Consumption in functionAppConfig, where these are refused) and
// runs from the package in the deployment container, read with the identity: no Azure Files share, which would need
// a shared key. The deployment uploads the zip to this blob and restarts the app.
var premiumPlanSettings = {
  FUNCTIONS_EXTENSION_VERSION: '~4'
  FUNCTIONS_WORKER_RUNTIME: 'dotnet-isolated'
  WEBSITE_RUN_FROM_PACKAGE: '${blobEndpoint}${deploymentContainerName}/deliberation.zip'
  WEBSITE_RUN_FROM_PACKAGE_BLOB_MI_RESOURCE_ID: 'SystemAssigned'
}

// The Durable Task Scheduler instead of the Azure Storage provider: host.json's storageProvider overridden by
// settings, the scheduler reached with the app's identity. The task hub keeps its name (DurableTaskHub).
var durableTaskSchedulerSettings = {
  DURABLE_TASK_SCHEDULER_CONNECTION_STRING: 'Endpoint=${durableTaskSchedulerEndpoint};Authentication=ManagedIdentity'
  AzureFunctionsJobHost__extensions__durableTask__storageProvider__type: 'azureManaged'
  AzureFunctionsJobHost__extensions__durableTask__storageProvider__connectionStringName: 'DURABLE_TASK_SCHEDULER_CONNECTION_STRING'
}

resource site 'Microsoft.Web/sites@2025-03-01' existing = {
  name: functionAppName
}

resource settings 'Microsoft.Web/sites/config@2025-03-01' = {
  parent: site
  name: 'appsettings'
  properties: union(
    appSettings,
    planKind == 'ElasticPremium' ? premiumPlanSettings : {},
    empty(durableTaskSchedulerEndpoint) ? {} : durableTaskSchedulerSettings
  )
}
