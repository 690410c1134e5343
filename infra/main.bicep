// Deliberation in Azure: one town per resource group. Deployed with a parameters file per environment
// (dev.bicepparam, prod.bicepparam); docs/deploy.md goes through it from an empty subscription.
//   Storage (no shared keys) · Function App (Flex Consumption or EP1) with a system-assigned identity ·
//   Application Insights (Entra ID only) · Key Vault (every secret) · Static Web App for web/ ·
//   optional: Azure Communication Services (SMS) and the Durable Task Scheduler.

targetScope = 'resourceGroup'

@description('Base of every resource name, e.g. delib-xinqiao-prod (lower-case letters, digits and hyphens).')
@minLength(3)
@maxLength(30)
param name string

param location string = resourceGroup().location
param tags object = {}

@description('FlexConsumption (FC1, scales to zero) or ElasticPremium (EP1, always warm).')
@allowed(['FlexConsumption', 'ElasticPremium'])
param planKind string = 'FlexConsumption'
@description('Most instances the app scales out to (Flex: maximumInstanceCount; EP1: maximum elastic workers).')
@minValue(1)
@maxValue(1000)
param maximumInstanceCount int = 40
@description('Flex Consumption instance size.')
@allowed([512, 2048, 4096])
param instanceMemoryMB int = 2048
@description('Flex Consumption instances kept ready for HTTP (0: none, the app scales to zero).')
@minValue(0)
param alwaysReadyHttpInstances int = 0

@allowed(['Standard_LRS', 'Standard_ZRS', 'Standard_GRS', 'Standard_GZRS'])
param storageSku string = 'Standard_LRS'
@description('Prefix of the app\'s tables and queues (Storage:Prefix): empty, or lower-case letters and digits.')
param storagePrefix string = ''
@description('The Durable task hub (letters and digits).')
param taskHubName string = 'Deliberation'
@minValue(30)
param logRetentionInDays int = 30
param keyVaultPurgeProtection bool = true

@description('Static Web Apps regions are few; the nearest to China is eastasia.')
param staticSiteLocation string = 'eastasia'

@description('Entra ID tenant of the staff accounts.')
param authTenantId string
@description('Application (client) id of the app registration whose app roles staff hold; the tokens\' audience.')
param authClientId string
@description('The token claim carrying a staff member\'s unit (a directory extension surfaces as extn.<name>).')
param authUnitClaim string = 'extn.unit'

param weChatAppId string = ''
param weChatTemplateId string = ''
param twilioAccountSid string = ''
param twilioFrom string = ''
param twilioMessagingServiceSid string = ''
param textAnalyticsEndpoint string = ''
param textAnalyticsProjectName string = ''
param textAnalyticsDeploymentName string = ''

@description('Create Azure Communication Services for texts, with an Event Grid topic for incoming ones.')
param deployCommunicationServices bool = false
param communicationDataLocation string = 'Asia Pacific'
@description('The ACS number texts are sent from (bought after the first deployment), e.g. +18005550100.')
param acsFrom string = ''

@description('Run the durable workflow on the Durable Task Scheduler instead of the storage account.')
param useDurableTaskScheduler bool = false
@allowed(['Consumption', 'Dedicated'])
param durableTaskSchedulerSku string = 'Consumption'

@description('Second deployment, after the code: the SMS webhooks\' host keys and the ACS Event Grid subscription.')
param wireWebhooks bool = false

// Secrets: no defaults; the parameters files read them from the environment (docs/deploy.md).
@secure()
@minLength(3)
param weChatToken string
@secure()
@minLength(43)
param weChatEncodingAesKey string
@secure()
@minLength(1)
param weChatAppSecret string
@secure()
@minLength(1)
param twilioAuthToken string
@secure()
@minLength(32)
param acsWebhookKey string
@secure()
@minLength(32)
param aliyunWebhookKey string
@secure()
@minLength(32)
param hotlineTranscriptSecret string
@description('Base64 of 32 random bytes.')
@secure()
@minLength(44)
param privacyEncryptionKey string
@description('Base64 of 32 random bytes.')
@secure()
@minLength(44)
param privacyHashKey string
@secure()
@minLength(1)
param textAnalyticsKey string
@secure()
@minLength(1)
param open311ApiKeys string

var suffix = uniqueString(resourceGroup().id, name)
var functionAppName = 'func-${name}-${take(suffix, 6)}'
var deploymentContainerName = 'app-package'

module monitoring 'modules/monitoring.bicep' = {
  name: 'monitoring'
  params: {
    name: name
    location: location
    tags: tags
    retentionInDays: logRetentionInDays
  }
}

module storage 'modules/storage.bicep' = {
  name: 'storage'
  params: {
    name: 'st${take(replace(name, '-', ''), 11)}${take(suffix, 11)}'
    location: location
    tags: tags
    skuName: storageSku
    deploymentContainerName: deploymentContainerName
  }
}

module keyVault 'modules/keyVault.bicep' = {
  name: 'keyVault'
  params: {
    name: 'kv-${take(replace(name, '-', ''), 10)}-${take(suffix, 10)}'
    location: location
    tags: tags
    enablePurgeProtection: keyVaultPurgeProtection
    secretValues: {
      'wechat-token': weChatToken
      'wechat-encoding-aes-key': weChatEncodingAesKey
      'wechat-app-secret': weChatAppSecret
      'twilio-auth-token': twilioAuthToken
      'acs-webhook-key': acsWebhookKey
      'aliyun-webhook-key': aliyunWebhookKey
      'hotline-transcript-secret': hotlineTranscriptSecret
      'privacy-encryption-key': privacyEncryptionKey
      'privacy-hash-key': privacyHashKey
      'text-analytics-key': textAnalyticsKey
      'open311-api-keys': open311ApiKeys
    }
  }
}

module communication 'modules/communication.bicep' = if (deployCommunicationServices) {
  name: 'communication'
  params: {
    name: 'acs-${name}-${take(suffix, 6)}'
    tags: tags
    dataLocation: communicationDataLocation
    keyVaultName: keyVault.outputs.name
  }
}

module durableTaskScheduler 'modules/durableTaskScheduler.bicep' = if (useDurableTaskScheduler) {
  name: 'durableTaskScheduler'
  params: {
    name: 'dts-${name}-${take(suffix, 6)}'
    location: location
    tags: tags
    taskHubName: taskHubName
    skuName: durableTaskSchedulerSku
  }
}

module functionApp 'modules/functionApp.bicep' = {
  name: 'functionApp'
  params: {
    name: functionAppName
    location: location
    tags: tags
    planKind: planKind
    maximumInstanceCount: maximumInstanceCount
    instanceMemoryMB: instanceMemoryMB
    alwaysReadyHttpInstances: alwaysReadyHttpInstances
    storageAccountName: storage.outputs.name
    deploymentContainerName: deploymentContainerName
    appInsightsName: monitoring.outputs.appInsightsName
    keyVaultName: keyVault.outputs.name
    durableTaskSchedulerName: useDurableTaskScheduler ? durableTaskScheduler!.outputs.name : ''
  }
}

// After functionApp (it reads its outputs), so after its role assignments too.
module appSettings 'modules/appSettings.bicep' = {
  name: 'appSettings'
  params: {
    functionAppName: functionApp.outputs.name
    planKind: planKind
    defaultHostName: functionApp.outputs.defaultHostName
    publicSiteUrl: staticSite.outputs.url
    blobEndpoint: storage.outputs.blobEndpoint
    queueEndpoint: storage.outputs.queueEndpoint
    tableEndpoint: storage.outputs.tableEndpoint
    deploymentContainerName: deploymentContainerName
    appInsightsConnectionString: monitoring.outputs.connectionString
    keyVaultUri: keyVault.outputs.vaultUri
    storagePrefix: storagePrefix
    taskHubName: taskHubName
    durableTaskSchedulerEndpoint: useDurableTaskScheduler ? durableTaskScheduler!.outputs.endpoint : ''
    authAuthority: '${environment().authentication.loginEndpoint}${authTenantId}/v2.0'
    authAudience: authClientId
    authUnitClaim: authUnitClaim
    weChatAppId: weChatAppId
    weChatTemplateId: weChatTemplateId
    twilioAccountSid: twilioAccountSid
    twilioFrom: twilioFrom
    twilioMessagingServiceSid: twilioMessagingServiceSid
    acsEnabled: deployCommunicationServices
    acsFrom: acsFrom
    textAnalyticsEndpoint: textAnalyticsEndpoint
    textAnalyticsProjectName: textAnalyticsProjectName
    textAnalyticsDeploymentName: textAnalyticsDeploymentName
  }
  dependsOn: [communication]
}

module staticSite 'modules/staticSite.bicep' = {
  name: 'staticSite'
  params: {
    name: 'swa-${name}-${take(suffix, 6)}'
    location: staticSiteLocation
    tags: tags
    functionAppId: functionApp.outputs.id
    functionAppLocation: location
  }
}

module webhooks 'modules/webhooks.bicep' = if (wireWebhooks) {
  name: 'webhooks'
  params: {
    functionAppName: functionApp.outputs.name
    acsSystemTopicName: deployCommunicationServices ? communication!.outputs.systemTopicName : ''
    acsWebhookKey: acsWebhookKey
    aliyunWebhookKey: aliyunWebhookKey
    acsWebhookUrl: 'https://${functionApp.outputs.defaultHostName}/api/sms/acs?code=${acsWebhookKey}'
  }
  dependsOn: [appSettings]
}

var baseUrl = 'https://${functionApp.outputs.defaultHostName}'

output functionAppName string = functionApp.outputs.name
output planKind string = planKind
output functionAppUrl string = baseUrl
output staticSiteName string = staticSite.outputs.name
output staticSiteUrl string = staticSite.outputs.url
output storageAccountName string = storage.outputs.name
output deploymentContainerName string = deploymentContainerName
output keyVaultName string = keyVault.outputs.name
output functionAppPrincipalId string = functionApp.outputs.principalId
@description('WeChat official account admin → 基本配置 → 服务器配置: server URL (URL), with the token and EncodingAESKey.')
output weChatServerUrl string = '${baseUrl}/api/wechat'
@description('Twilio number → Messaging → "A message comes in" (HTTP POST).')
output twilioWebhookUrl string = '${baseUrl}/api/sms/twilio'
@description('Event Grid subscription endpoint for ACS SMSReceived, plus ?code=<ACS webhook key> (wired by wireWebhooks).')
output acsWebhookUrl string = '${baseUrl}/api/sms/acs'
@description('Aliyun SMS 上行消息 push URL, plus ?code=<Aliyun webhook key>.')
output aliyunWebhookUrl string = '${baseUrl}/api/sms/aliyun'
@description('The call centre posts signed JSON transcripts here.')
output hotlineTranscriptsUrl string = '${baseUrl}/api/hotline/transcripts'
@description('Open311 GeoReport v2 base URL, for clients with an Open311 API key.')
output open311BaseUrl string = '${baseUrl}/api/open311/v2/'
output healthUrl string = '${baseUrl}/api/health'
