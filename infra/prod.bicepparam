// A town in production: one warm HTTP instance, zone-redundant storage, ACS for texts.
// Non-secret values that differ per town come from the environment too, so CI can deploy any town.
using 'main.bicep'

param name = readEnvironmentVariable('DELIBERATION_NAME', 'delib-prod')
param tags = { app: 'deliberation', environment: 'prod' }

param planKind = readEnvironmentVariable('DELIBERATION_PLAN_KIND', 'FlexConsumption')
param maximumInstanceCount = 40
param instanceMemoryMB = 2048
param alwaysReadyHttpInstances = 1
param storageSku = 'Standard_ZRS'
param keyVaultPurgeProtection = true
param logRetentionInDays = 90

param authTenantId = readEnvironmentVariable('DELIBERATION_TENANT_ID')
param authClientId = readEnvironmentVariable('DELIBERATION_API_CLIENT_ID')

param weChatAppId = readEnvironmentVariable('DELIBERATION_WECHAT_APP_ID', '')
param weChatTemplateId = readEnvironmentVariable('DELIBERATION_WECHAT_TEMPLATE_ID', '')
param twilioAccountSid = readEnvironmentVariable('DELIBERATION_TWILIO_ACCOUNT_SID', '')
param twilioFrom = readEnvironmentVariable('DELIBERATION_TWILIO_FROM', '')
param textAnalyticsEndpoint = readEnvironmentVariable('DELIBERATION_TEXT_ANALYTICS_ENDPOINT', '')

param deployCommunicationServices = true
param communicationDataLocation = 'Asia Pacific'
param acsFrom = readEnvironmentVariable('DELIBERATION_ACS_FROM', '')
// true once the app carries the Scheduler's worker extension (docs/deploy.md, step 6).
param useDurableTaskScheduler = false
param durableTaskSchedulerSku = 'Consumption'
param wireWebhooks = bool(readEnvironmentVariable('DELIBERATION_WIRE_WEBHOOKS', 'false'))

param weChatToken = readEnvironmentVariable('DELIBERATION_WECHAT_TOKEN')
param weChatEncodingAesKey = readEnvironmentVariable('DELIBERATION_WECHAT_ENCODING_AES_KEY')
param weChatAppSecret = readEnvironmentVariable('DELIBERATION_WECHAT_APP_SECRET')
param twilioAuthToken = readEnvironmentVariable('DELIBERATION_TWILIO_AUTH_TOKEN')
param acsWebhookKey = readEnvironmentVariable('DELIBERATION_ACS_WEBHOOK_KEY')
param aliyunWebhookKey = readEnvironmentVariable('DELIBERATION_ALIYUN_WEBHOOK_KEY')
param hotlineTranscriptSecret = readEnvironmentVariable('DELIBERATION_HOTLINE_TRANSCRIPT_SECRET')
param privacyEncryptionKey = readEnvironmentVariable('DELIBERATION_PRIVACY_ENCRYPTION_KEY')
param privacyHashKey = readEnvironmentVariable('DELIBERATION_PRIVACY_HASH_KEY')
param textAnalyticsKey = readEnvironmentVariable('DELIBERATION_TEXT_ANALYTICS_KEY')
param open311ApiKeys = readEnvironmentVariable('DELIBERATION_OPEN311_API_KEYS')
